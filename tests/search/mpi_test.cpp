// A search spread over MPI ranks through the real binary and mpirun: it ends with the summary
// (and the journal records) of the same search in one process, with one rank too, and a run
// whose worker rank or rank 0 is killed resumes, with another rank count and with the
// README's line (`--out DIR --resume` alone), to that same end; a worker's failure fails the
// run under its rank's name.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/fresh_dir.hpp"
#include "tests/support/oracles.hpp"

namespace actsearch::testing {
namespace {

namespace fs = std::filesystem;

// A small random search on moons with halving and a final stage: about 70 trainings of a few
// milliseconds each.
const std::string kSearch =
    "search --task 'moons train=300 val=300 test=200 epochs=3 full-epochs=4 depth=2 width=8 "
    "batch=64 lr=3e-3' --units 1 --unary identity,tanh,relu,sin,sigmoid --binary add,mul,max "
    "--strategy random --budget 24 --generation 6 --top 3 --final-seeds 2 --baselines relu,tanh "
    "--threads 1 --seed 5 --quiet";

// One folder per process: ctest may run these tests at once.
fs::path process_dir(const std::string& name) {
  return actsearch::testing::fresh_dir("search_mpi", name + "_" + std::to_string(::getpid()));
}

// `actsearch kSearch --out DIR [extra]` under mpirun with `ranks` processes, as a shell
// command line (stdout and stderr go to DIR.log).
std::string mpirun(int ranks, const fs::path& dir, const std::string& extra = "") {
  return "mpirun -np " + std::to_string(ranks) + " --oversubscribe " + ACTSEARCH_BIN + " " +
         kSearch + " --out '" + dir.string() + "' " + extra + " >'" + dir.string() + ".log' 2>&1";
}

int exit_status(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; }

std::string log_of(const fs::path& dir) {
  std::ifstream in(dir.string() + ".log");
  return {std::istreambuf_iterator<char>(in), {}};
}

// Timing aside: every key ending in "seconds", at any depth.
nlohmann::json without_timing(nlohmann::json j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      const std::string& k = it.key();
      if (k.size() >= 7 && k.compare(k.size() - 7, 7, "seconds") == 0) {
        it = j.erase(it);
      } else {
        it.value() = without_timing(it.value());
        ++it;
      }
    }
  } else if (j.is_array()) {
    for (nlohmann::json& item : j) item = without_timing(item);
  }
  return j;
}

nlohmann::json summary(const fs::path& dir) {
  return without_timing(nlohmann::json::parse(std::ifstream(dir / "summary.json")));
}

// The journal's records without their clock fields, sorted: the order of arrival varies.
std::vector<std::string> journal(const fs::path& dir) {
  std::vector<std::string> lines;
  std::ifstream in(dir / "journal.jsonl");
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = without_timing(nlohmann::json::parse(line));
    j.erase("unix_time");
    lines.push_back(j.dump());
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The child of `parent` that is rank `rank` of the MPI job (mpirun starts local ranks itself).
pid_t rank_pid(pid_t parent, int rank) {
  const std::string wanted = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  for (const fs::directory_entry& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string pid, comm, state;
    pid_t ppid = 0;
    if (!(stat >> pid >> comm >> state >> ppid) || ppid != parent) continue;
    std::ifstream environ(e.path() / "environ");
    for (std::string var; std::getline(environ, var, '\0');) {
      if (var == wanted) return std::stoi(name);
    }
  }
  return -1;
}

std::size_t journal_lines(const fs::path& dir) {
  std::ifstream in(dir / "journal.jsonl");
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

// Starts `command` with /bin/sh, which execs it: the pid is the command's own.
pid_t launch(const std::string& command) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Once the journal in `dir` holds `lines` lines, SIGKILLs rank `rank` of the MPI job that
// `launcher` (mpirun) runs, and waits for the job's end: its wait status, or -1 when no such
// rank was found (the run ended first).
int kill_rank_after(pid_t launcher, int rank, const fs::path& dir, std::size_t lines) {
  int status = 0;
  while (journal_lines(dir) < lines && ::waitpid(launcher, &status, WNOHANG) == 0) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  const pid_t victim = rank_pid(launcher, rank);
  if (victim > 0) ::kill(victim, SIGKILL);
  ::waitpid(launcher, &status, 0);
  return victim > 0 ? status : -1;
}

class SearchMpi : public ::testing::Test {
 protected:
  // The single-process run the MPI runs must equal. Its failure is checked in SetUp: a failed
  // assertion in SetUpTestSuite would only skip the tests.
  static void SetUpTestSuite() {
    if (!mpi_available().empty()) return;
    // mpirun refuses root without these; this machine's CI runs as root.
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    reference_ = process_dir("one_process");
    reference_run_ = run_cli(kSearch + " --out '" + reference_.string() + "'");
  }

  void SetUp() override {
    if (const std::string why = mpi_available(); !why.empty()) {
      // A build that turned MPI off although CMake found it (make check's sanitizer builds)
      // has no MPI to test; an MPI missing from the machine is a missing oracle.
      if (ACTSEARCH_MPI_BUILT || !ACTSEARCH_MPI_FOUND) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("MPI", why);
      GTEST_SKIP() << why;
    }
    ASSERT_EQ(reference_run_.status, 0) << reference_run_.err;
  }

  // Empty when the MPI tests can run, else why not.
  static std::string mpi_available() {
    if (!ACTSEARCH_MPI_BUILT) {
      return ACTSEARCH_MPI_FOUND ? "actsearch was configured with ACTSEARCH_MPI=OFF"
                                 : "CMake found no MPI (Debian: apt-get install libopenmpi-dev)";
    }
    if (std::system("command -v mpirun >/dev/null 2>&1") != 0) {
      return "mpirun not found (Debian: apt-get install openmpi-bin)";
    }
    return "";
  }

  static fs::path reference_;
  static CliResult reference_run_;
};
fs::path SearchMpi::reference_;
CliResult SearchMpi::reference_run_;

TEST_F(SearchMpi, ThreeRanksEndWithTheSingleProcessSummary) {
  const fs::path dir = process_dir("three_ranks");
  ASSERT_EQ(exit_status(std::system(mpirun(3, dir).c_str())), 0) << log_of(dir);
  EXPECT_EQ(summary(dir), summary(reference_));
  EXPECT_EQ(journal(dir), journal(reference_));
}

TEST_F(SearchMpi, OneRankRunsTheSearchItself) {
  const fs::path dir = process_dir("one_rank");
  ASSERT_EQ(exit_status(std::system(mpirun(1, dir).c_str())), 0) << log_of(dir);
  EXPECT_EQ(summary(dir), summary(reference_));
}

// Workers read the data from their own disks: one started where the task's CSV file is not
// fails the run, with rank 0 naming it and exiting as a single process would (status 2).
TEST_F(SearchMpi, AWorkerThatCannotLoadTheDataFailsTheRunNamingItsRank) {
  const fs::path dir = process_dir("worker_without_data");
  fs::create_directories(dir / "with");
  fs::create_directories(dir / "without");
  std::ofstream csv(dir / "with" / "data.csv");
  for (int i = 0; i < 300; ++i)
    csv << (i % 7) * 0.1 << "," << (i % 5) * 0.2 << "," << i % 2 << "\n";
  csv.close();
  const std::string search = std::string(ACTSEARCH_BIN) +
                             " search --task csv:data.csv --epochs 1 --units 1 --unary "
                             "identity,tanh --binary add --budget 3 --top 1 --final-seeds 2 "
                             "--baselines relu --threads 1 --quiet --out '" +
                             (dir / "run").string() + "'";
  const std::string command = "mpirun --oversubscribe -np 1 -wdir '" + (dir / "with").string() +
                              "' " + search + " : -np 1 -wdir '" + (dir / "without").string() +
                              "' " + search + " >'" + dir.string() + ".log' 2>&1";
  EXPECT_EQ(exit_status(std::system(command.c_str())), 2) << log_of(dir);
  EXPECT_NE(log_of(dir).find("error: rank 1: data.csv: no such file\n"), std::string::npos)
      << log_of(dir);
}

TEST_F(SearchMpi, AKilledWorkerTakesTheJobDownAndTheRunResumesWithOtherRanks) {
  const fs::path dir = process_dir("killed_worker");
  const int status = kill_rank_after(launch(mpirun(3, dir)), 1, dir, 10);
  ASSERT_NE(status, -1) << "the run ended before a worker could be killed";
  EXPECT_NE(exit_status(status), 0) << log_of(dir);
  ASSERT_FALSE(fs::exists(dir / "summary.json"));
  ASSERT_LT(journal_lines(dir), journal(reference_).size());

  ASSERT_EQ(exit_status(std::system(mpirun(2, dir, "--resume").c_str())), 0) << log_of(dir);
  EXPECT_EQ(summary(dir), summary(reference_));
  EXPECT_EQ(journal(dir), journal(reference_));
}

// The README's resume line under mpirun, nothing else typed, after rank 0 (which writes the
// journal) was killed: rank 0 reads the run's configuration and the workers learn its tasks
// from rank 0. A command that does not match the run is refused with one error line, and the
// workers are let go rather than left waiting.
TEST_F(SearchMpi, AKilledRunResumesWithTheReadmeLineUnderMpirun) {
  const fs::path dir = process_dir("killed_coordinator");
  ASSERT_NE(kill_rank_after(launch(mpirun(3, dir)), 0, dir, 10), -1)
      << "the run ended before rank 0 could be killed";
  ASSERT_FALSE(fs::exists(dir / "summary.json"));
  const std::string resume = "mpirun -np 2 --oversubscribe " + std::string(ACTSEARCH_BIN) +
                             " search --out '" + dir.string() + "' --resume";
  const std::string log = " >'" + dir.string() + ".log' 2>&1";

  EXPECT_EQ(exit_status(std::system((resume + " --seed 6" + log).c_str())), 2) << log_of(dir);
  EXPECT_NE(log_of(dir).find("error: cannot resume " + dir.string() +
                             ": --seed differs (run has 5, command has 6)\n"),
            std::string::npos)
      << log_of(dir);

  ASSERT_EQ(exit_status(std::system((resume + log).c_str())), 0) << log_of(dir);
  EXPECT_EQ(summary(dir), summary(reference_));
  EXPECT_EQ(journal(dir), journal(reference_));
}

}  // namespace
}  // namespace actsearch::testing
