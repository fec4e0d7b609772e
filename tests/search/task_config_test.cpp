// Task specs: overrides on top of defaults, the full protocol following the screening one,
// every error message, and the config.json round trip.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "grammar/base/error.hpp"
#include "search/data/task_config.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::search {
namespace {

std::string error_of(std::string_view spec, const TaskConfig& defaults = {}) {
  return actsearch::testing::error_of([&] { parse_task_config(spec, defaults); });
}

TEST(TaskConfig, DefaultsArePyTorchStyleFashionMnist) {
  const TaskConfig c;
  EXPECT_EQ(c.id, "fashion-mnist");
  EXPECT_EQ(c.data.kind, "fashion-mnist");
  EXPECT_EQ(c.optimizer, nn::OptimizerKind::Adam);
  EXPECT_EQ(c.screen, (TrainSettings{3, 1e-3}));
  EXPECT_EQ(c.full, (TrainSettings{5, 1e-3}));
}

TEST(TaskConfig, KindAloneKeepsTheDefaults) {
  TaskConfig defaults;
  defaults.depth = 2;
  defaults.data.train = 300;
  defaults.data.data_seed = 9;
  const TaskConfig c = parse_task_config("moons", defaults);
  EXPECT_EQ(c.id, "moons");
  EXPECT_EQ(c.data.kind, "moons");
  EXPECT_EQ(c.data.train, 300u);
  EXPECT_EQ(c.data.data_seed, 9u);
  EXPECT_EQ(c.depth, 2);
  EXPECT_EQ(c.full, defaults.full);
}

TEST(TaskConfig, OverridesEveryKey) {
  const TaskConfig c = parse_task_config(
      "spirals  train=2000 val=5000 test=7 data-seed=3 epochs=30 lr=3e-3 full-epochs=80 "
      "full-lr=1e-3 depth=3 width=32 batch=64 residual optimizer=sgd momentum=0.9 id=sp",
      TaskConfig{});
  EXPECT_EQ(c.id, "sp");
  EXPECT_EQ(c.data.kind, "spirals");
  EXPECT_EQ(c.data.train, 2000u);
  EXPECT_EQ(c.data.val, 5000u);
  EXPECT_EQ(c.data.test, 7u);
  EXPECT_EQ(c.data.data_seed, 3u);
  EXPECT_EQ(c.screen, (TrainSettings{30, 3e-3}));
  EXPECT_EQ(c.full, (TrainSettings{80, 1e-3}));
  EXPECT_EQ(c.depth, 3);
  EXPECT_EQ(c.width, 32);
  EXPECT_EQ(c.batch, 64);
  EXPECT_TRUE(c.residual);
  EXPECT_EQ(c.optimizer, nn::OptimizerKind::Sgd);
  EXPECT_DOUBLE_EQ(c.momentum, 0.9);
  EXPECT_FALSE(parse_task_config("moons residual=false", c).residual);
}

TEST(TaskConfig, FullProtocolFollowsTheSpecsScreeningValues) {
  TaskConfig defaults;
  defaults.full = {50, 5e-4};
  EXPECT_EQ(parse_task_config("xor epochs=7", defaults).full, (TrainSettings{7, 5e-4}));
  EXPECT_EQ(parse_task_config("xor lr=0.1", defaults).full, (TrainSettings{50, 0.1}));
  EXPECT_EQ(parse_task_config("xor epochs=7 full-epochs=9", defaults).full,
            (TrainSettings{9, 5e-4}));
  EXPECT_EQ(parse_task_config("xor", defaults).full, defaults.full);
}

TEST(TaskConfig, DataFolderGoesOnlyToFolderTasks) {
  TaskConfig defaults;
  defaults.data.path = "/data/fm";
  EXPECT_EQ(parse_task_config("fashion-mnist", defaults).data.path, "/data/fm");
  EXPECT_EQ(parse_task_config("fashion-mnist:/other", defaults).data.path, "/other");
  EXPECT_EQ(parse_task_config("moons", defaults).data.path, "");
}

TEST(TaskConfig, ErrorsNameTheKeyAndTheExpectedValue) {
  EXPECT_EQ(error_of(""), "empty task spec (expected a task such as 'spirals')");
  EXPECT_EQ(error_of("moons foo=1"),
            "task 'moons foo=1': unknown key 'foo' (valid: id, train, val, test, data-seed, "
            "depth, width, batch, residual, net, norm, channels, blocks, optimizer, momentum, "
            "nesterov, weight-decay, schedule, warmup, epochs, lr, full-epochs, full-lr)");
  EXPECT_EQ(error_of("moons epochs"), "task 'moons epochs': expected KEY=VALUE, found 'epochs'");
  EXPECT_EQ(error_of("moons epochs=0"),
            "task 'moons epochs=0': bad value '0' for epochs (expected a positive integer)");
  EXPECT_EQ(error_of("moons epochs=3x"),
            "task 'moons epochs=3x': bad value '3x' for epochs (expected a positive integer)");
  EXPECT_EQ(error_of("moons lr=-1"),
            "task 'moons lr=-1': bad value '-1' for lr (expected a positive number)");
  EXPECT_EQ(error_of("moons full-lr=nan"),
            "task 'moons full-lr=nan': bad value 'nan' for full-lr (expected a positive number)");
  EXPECT_EQ(error_of("moons train=-5"),
            "task 'moons train=-5': bad value '-5' for train (expected a sample count)");
  EXPECT_EQ(error_of("moons optimizer=rmsprop"),
            "task 'moons optimizer=rmsprop': bad value 'rmsprop' for optimizer (expected adam, "
            "adamw or sgd)");
  EXPECT_EQ(error_of("moons residual=maybe"),
            "task 'moons residual=maybe': bad value 'maybe' for residual (expected true or "
            "false)");
  EXPECT_EQ(error_of("moons momentum=1"),
            "task 'moons momentum=1': bad value '1' for momentum (expected a number in [0, 1))");
  EXPECT_EQ(error_of("moons id="), "task 'moons id=': bad value '' for id (expected a name)");
  EXPECT_NE(error_of("nosuchtask").find("nosuchtask"), std::string::npos);
}

// A value other than the default for any field, as spec text.
std::string other_value(const TaskField& f, const TaskConfig& c) {
  if (std::holds_alternative<BoolSlot>(f.slot)) return field_text(f, c) == "true" ? "0" : "1";
  if (std::holds_alternative<NameSlot>(f.slot)) return "other";
  if (std::holds_alternative<RealSlot>(f.slot)) return "0.5";
  if (const auto* e = std::get_if<EnumSlot>(&f.slot)) {
    return std::string(e->names[static_cast<std::size_t>(e->get(c) + 1) % e->names.size()]);
  }
  return "7";
}

// What makes "a new setting is one row" true: every field of the table reads from a spec,
// is written back as the spec wrote it, survives config.json and is named by
// first_difference (all but the id, which only names the task).
// A spec in which any value of `key` goes with the rest: a conv net needs images, Nesterov
// momentum SGD with a momentum.
std::string base_spec(std::string_view key) {
  if (key == "net") return "fashion-mnist id=m";
  if (key == "nesterov") return "moons id=m optimizer=sgd momentum=0.9";
  return "moons id=m";
}

TEST(TaskConfig, EveryFieldOfTheTableGoesEverywhere) {
  const TaskConfig defaults;
  for (const TaskField& f : task_fields()) {
    const std::string value = other_value(f, defaults);
    const std::string base = base_spec(f.key);
    const TaskConfig c = parse_task_config(base + " " + std::string(f.key) + "=" + value, defaults);
    EXPECT_EQ(field_text(f, c), value == "1" ? "true" : value == "0" ? "false" : value) << f.key;
    const TaskConfig back = task_config_from_json(nlohmann::json::parse(to_json(c).dump()));
    EXPECT_EQ(to_json(back), to_json(c)) << f.key;
    EXPECT_EQ(field_text(f, back), field_text(f, c)) << f.key;
    EXPECT_NE(task_spec_keys().find(f.key), std::string_view::npos) << f.key;
    if (f.key == "id") continue;
    const auto d = first_difference(parse_task_config(base, defaults), c);
    ASSERT_TRUE(d) << f.key;
    EXPECT_EQ(d->key, f.key);
    EXPECT_EQ(error_of("moons " + std::string(f.key) + "=?"),
              "task 'moons " + std::string(f.key) + "=?': bad value '?' for " + std::string(f.key) +
                  " (expected " + std::string(f.expected) + ")");
  }
}

TEST(TaskConfig, SettingsThatDoNotGoTogetherAreRefused) {
  EXPECT_EQ(error_of("spirals net=cnn"),
            "task 'spirals net=cnn': net=cnn needs images (fashion-mnist or mnist), not spirals");
  EXPECT_EQ(error_of("csv:a.csv net=cnn"),
            "task 'csv:a.csv net=cnn': net=cnn needs images (fashion-mnist or mnist), not csv");
  EXPECT_EQ(error_of("moons nesterov"),
            "task 'moons nesterov': nesterov needs optimizer=sgd and a momentum above 0");
  EXPECT_EQ(error_of("moons optimizer=sgd nesterov"),
            "task 'moons optimizer=sgd nesterov': nesterov needs optimizer=sgd and a momentum "
            "above 0");
  EXPECT_EQ(error_of("fashion-mnist net=cnn blocks=0"),
            "task 'fashion-mnist net=cnn blocks=0': bad value '0' for blocks (expected a "
            "positive integer)");
  EXPECT_EQ(error_of("fashion-mnist norm=group"),
            "task 'fashion-mnist norm=group': bad value 'group' for norm (expected none, batch or "
            "layer)");
  const TaskConfig c = parse_task_config(
      "fashion-mnist net=cnn channels=8 blocks=2 norm=batch optimizer=sgd momentum=0.9 nesterov "
      "weight-decay=5e-4 schedule=cosine warmup=1",
      {});
  EXPECT_EQ(c.net, nn::NetKind::Cnn);
  EXPECT_EQ(c.norm, nn::NormKind::Batch);
  EXPECT_EQ(std::tie(c.channels, c.blocks, c.warmup), std::tuple(8, 2, 1));
  EXPECT_TRUE(c.nesterov && c.cosine);
  EXPECT_EQ(c.weight_decay, 5e-4);
}

// Runs made before the network and schedule keys existed resume: config.json leaves those
// keys out at their defaults (today's plain MLP), and a missing key reads as the default.
TEST(TaskConfig, KeysAddedLaterAreLeftOutOfJsonAtTheirDefaults) {
  const nlohmann::json plain = to_json(parse_task_config("moons depth=2", {}));
  for (const char* key :
       {"net", "norm", "channels", "blocks", "nesterov", "weight_decay", "schedule", "warmup"}) {
    EXPECT_FALSE(plain.contains(key)) << key;
  }
  EXPECT_TRUE(plain.contains("optimizer"));
  EXPECT_EQ(to_json(task_config_from_json(plain)), plain);
  const nlohmann::json cnn = to_json(parse_task_config("fashion-mnist net=cnn norm=layer", {}));
  EXPECT_EQ(cnn["net"], "cnn");
  EXPECT_EQ(cnn["norm"], "layer");
  EXPECT_FALSE(cnn.contains("channels"));
  EXPECT_EQ(task_config_from_json(cnn).norm, nn::NormKind::Layer);
}

TEST(TaskConfig, OptimizerIsTheEnumAndItsNameInJson) {
  const TaskConfig c = parse_task_config("xor optimizer=sgd", {});
  EXPECT_EQ(c.optimizer, nn::OptimizerKind::Sgd);
  EXPECT_EQ(to_json(c)["optimizer"], "sgd");
  nlohmann::json j = to_json(c);
  j["optimizer"] = "rmsprop";
  try {
    task_config_from_json(j);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "key 'optimizer' has unknown value 'rmsprop'");
  }
}

TEST(TaskConfig, FirstDifferenceSpeaksInTheWordsOfASpec) {
  const TaskConfig run = parse_task_config("spirals epochs=30 lr=3e-3", {});
  EXPECT_FALSE(first_difference(run, parse_task_config("spirals lr=0.003 epochs=30 id=s", {})));
  const auto lr = first_difference(run, parse_task_config("spirals epochs=30 lr=0.01", {}));
  ASSERT_TRUE(lr);
  EXPECT_EQ(lr->key, "lr");
  EXPECT_EQ(lr->run, "0.003");
  EXPECT_EQ(lr->command, "0.01");
  const auto full =
      first_difference(run, parse_task_config("spirals epochs=30 lr=3e-3 full-epochs=5", {}));
  ASSERT_TRUE(full);
  EXPECT_EQ(full->key, "full-epochs");
  const auto data = first_difference(parse_task_config("csv-regression:a.csv", {}),
                                     parse_task_config("csv:a.csv", {}));
  ASSERT_TRUE(data);
  EXPECT_EQ(data->key, "data");
  EXPECT_EQ(data->run, "csv-regression");
  EXPECT_EQ(data->command, "csv");
  const auto path = first_difference(parse_task_config("fashion-mnist", {}),
                                     parse_task_config("fashion-mnist:/data", {}));
  ASSERT_TRUE(path);
  EXPECT_EQ(path->key, "path");
  EXPECT_EQ(path->run, "''");
  EXPECT_EQ(path->command, "/data");
}

TEST(TaskConfig, JsonRoundTrip) {
  const TaskConfig c = parse_task_config(
      "csv:/tmp/a.csv id=a train=10 val=5 data-seed=18446744073709551615 epochs=2 full-lr=0.3",
      TaskConfig{});
  const TaskConfig back = task_config_from_json(nlohmann::json::parse(to_json(c).dump()));
  EXPECT_EQ(to_json(back), to_json(c));
  EXPECT_EQ(back.data.data_seed, 18446744073709551615u);
  EXPECT_EQ(back.full, c.full);
}

TEST(TaskConfig, JsonErrorsNameTheKey) {
  nlohmann::json j = to_json(TaskConfig{});
  j.erase("depth");
  EXPECT_THROW(
      {
        try {
          task_config_from_json(j);
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "key 'depth' missing");
          throw;
        }
      },
      Error);
  j = to_json(TaskConfig{});
  j["full"]["lr"] = "fast";
  try {
    task_config_from_json(j);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "key 'lr' is not a number (or \"inf\", \"-inf\", \"nan\")");
  }
}

}  // namespace
}  // namespace actsearch::search
