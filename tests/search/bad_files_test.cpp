// Bad files and folders through the real binary, one case each: data sets that are missing,
// unreadable or malformed, and run folders that are not runs or come from elsewhere. Each
// gives the exact one-line "error: ..." on stderr, exit status 2 and nothing on stdout, and
// leaves the folders it was pointed at as they were: no new run folder for a search that
// cannot start, no byte changed in an existing one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "tests/support/cli_runner.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::testing {
namespace {

namespace fs = std::filesystem;

// Every file under `dir` (relative path -> content), to see that nothing changed.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[fs::relative(entry.path(), dir).string()] =
        std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

void expect_error(const std::string& args, const std::string& error) {
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.status, 2) << args;
  EXPECT_EQ(r.err, "error: " + error + "\n") << args;
  EXPECT_EQ(r.out, "") << args;
}

// A tiny search: 3 proposals on a 64-sample xor task, about 10 trainings in all.
const std::string kSearch =
    "search --task 'xor train=64 val=64 test=64 epochs=1 full-epochs=1 depth=1 width=4' "
    "--units 1 --unary identity,tanh,relu --binary add,mul --strategy random --budget 3 "
    "--generation 3 --rungs 1 --top 2 --final-seeds 2 --baselines relu --threads 1 --quiet";

class BadFiles : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = fresh_dir("bad_files"); }

  // A search with `options` that must fail with `error` without creating its run folder.
  void expect_search_error(const std::string& options, const std::string& error) {
    const fs::path out = dir_ / "run";
    expect_error(kSearch + " " + options + " --out '" + out.string() + "'", error);
    EXPECT_FALSE(fs::exists(out)) << options;
  }

  // A finished tiny run at dir_/NAME, for the cases that damage one.
  fs::path finished_run(const std::string& name) {
    const fs::path run = dir_ / name;
    const CliResult r = run_cli(kSearch + " --out '" + run.string() + "'");
    EXPECT_EQ(r.status, 0) << r.err;
    return run;
  }

  // Resuming `run` must fail with `error` and change no byte of it.
  void expect_resume_error(const fs::path& run, const std::string& error) {
    const auto before = snapshot(run);
    expect_error(kSearch + " --out '" + run.string() + "' --resume", error);
    EXPECT_EQ(snapshot(run), before);
  }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

// Big-endian 32-bit words, as IDX headers hold them.
std::string be32(std::initializer_list<std::uint32_t> words) {
  std::string out;
  for (const std::uint32_t w : words) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((w >> shift) & 0xFF);
  }
  return out;
}

// A gzip stream of `data` in one stored (uncompressed) deflate block, cut after `keep` bytes,
// so no compressor is needed; the cut falls before the checksum, which is then never read.
std::string truncated_gzip(const std::string& data, std::size_t keep) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  const auto n = static_cast<std::uint16_t>(data.size());
  const auto nn = static_cast<std::uint16_t>(~n);
  out += '\x01';  // the final block, stored
  out += {static_cast<char>(n & 0xFF), static_cast<char>(n >> 8), static_cast<char>(nn & 0xFF),
          static_cast<char>(nn >> 8)};
  return (out + data).substr(0, keep);
}

TEST_F(BadFiles, MissingCsv) {
  expect_search_error("--task csv:/nonexistent/data.csv", "/nonexistent/data.csv: no such file");
}

TEST_F(BadFiles, MissingDataFolder) {
  expect_search_error("--task fashion-mnist --data-dir /nonexistent",
                      "/nonexistent: no such directory");
}

// Tests run as root, who can read any file: a folder where a file belongs stands for a file
// that cannot be read.
TEST_F(BadFiles, UnreadableCsv) {
  expect_search_error("--task 'csv:" + dir_.string() + "'",
                      dir_.string() + ": is a directory, not a file");
}

TEST_F(BadFiles, TruncatedGzip) {
  const std::string images = be32({0x803, 10, 28, 28}) + std::string(7840, '\x07');
  const std::string path = write("fm/train-images-idx3-ubyte.gz", truncated_gzip(images, 200));
  expect_search_error("--task fashion-mnist --data-dir '" + (dir_ / "fm").string() + "'",
                      path + ": truncated gzip stream");
}

TEST_F(BadFiles, IdxWithWrongMagic) {
  const std::string path = write("fm/train-images-idx3-ubyte", be32({0x802, 1}) + "\x05");
  expect_search_error("--task fashion-mnist --data-dir '" + (dir_ / "fm").string() + "'",
                      path +
                          ": wrong magic number 0x00000802 (expected 0x00000803 or "
                          "0x00000804: IDX images of unsigned bytes)");
}

TEST_F(BadFiles, CsvWithRaggedRows) {
  const std::string path = write("ragged.csv", "a,b,label\n1,2,0\n3,1\n");
  expect_search_error("--task 'csv:" + path + "'", path + ":3: 2 fields, expected 3 as on line 1");
}

TEST_F(BadFiles, OutIsAFile) {
  const std::string file = write("a_file", "precious");
  expect_error(kSearch + " --out '" + file + "'", file + " is a file, not a run folder");
  EXPECT_EQ(snapshot(dir_).at("a_file"), "precious");
}

TEST_F(BadFiles, OutUnderAFile) {
  const std::string file = write("a_file", "precious");
  expect_error(kSearch + " --out '" + file + "/run'",
               "cannot create run folder " + file + "/run: Not a directory");
  EXPECT_EQ(snapshot(dir_).at("a_file"), "precious");
}

TEST_F(BadFiles, ResumeOfAFolderThatIsNotARun) {
  write("notes/todo.txt", "keep me");
  expect_resume_error(dir_ / "notes", (dir_ / "notes").string() + " is not an actsearch run");
}

TEST_F(BadFiles, JournalWithAGarbageMiddleLine) {
  const fs::path run = finished_run("garbage");
  std::ifstream in(run / "journal.jsonl");
  std::string first, rest;
  std::getline(in, first);
  rest.assign(std::istreambuf_iterator<char>(in), {});
  std::ofstream(run / "journal.jsonl", std::ios::binary) << first << "\n{\"kind\": garbage\n"
                                                         << rest;
  expect_resume_error(run,
                      "journal " + (run / "journal.jsonl").string() + " line 2: not a JSON object");
}

TEST_F(BadFiles, ConfigFromAnIncompatibleVersion) {
  const fs::path run = finished_run("future");
  std::ifstream in(run / "config.json");
  std::string config(std::istreambuf_iterator<char>(in), {});
  const std::size_t at = config.find("\"format\":");
  ASSERT_NE(at, std::string::npos);
  config.replace(at, config.find_first_of(",}", at) - at, "\"format\": 7");
  std::ofstream(run / "config.json", std::ios::binary) << config;
  expect_resume_error(run, "run " + run.string() +
                               " was written by an incompatible actsearch (format 7, this is "
                               "format 1)");
}

TEST_F(BadFiles, ConfigThatIsNotJson) {
  const fs::path run = finished_run("garbled");
  std::ofstream(run / "config.json", std::ios::binary) << "{\"format\": 1, \"tasks\": [";
  expect_resume_error(run, "config " + (run / "config.json").string() + ": not a JSON object");
}

}  // namespace
}  // namespace actsearch::testing
