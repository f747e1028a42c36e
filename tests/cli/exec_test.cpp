// `orchsim exec` end to end: real processes (tens of milliseconds each), the run directory, the
// run history, exit codes (docs/exec.md), Ctrl-C, --repair, and the same job live and simulated.
// Expected values follow from each scenario's commands and the engine's documented rules.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

namespace fs = std::filesystem;
using orchsim::testing::invoke;

namespace {

struct ExecDir {
  ExecDir() {
    static int counter = 0;
    path = fs::temp_directory_path() / ("orchsim-exec-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ExecDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
  std::string runs() const { return (path / "runs").string(); }
  fs::path path;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The one invocation directory of a run directory that holds `events.jsonl`s (the newest last).
std::vector<fs::path> invocations(const std::string& run_dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(run_dir)) {
    if (fs::exists(e.path() / "events.jsonl")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// (task_key, event, result) of every task_started / task_finished line of an events.jsonl.
std::vector<std::string> task_changes(const std::string& jsonl) {
  std::vector<std::string> out;
  const std::regex event(R"re("event":"(task_started|task_finished)".*"task_key":"([^"]+)"(?:,"result":"([^"]+)")?)re");
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, event)) out.push_back(m[2].str() + " " + m[1].str() + " " + m[3].str());
  }
  return out;
}

const char* kHeader =
    "seed: 1\nreplications: 1\ncluster: {node_type: Standard_DS3_v2, workers: 2}\nstrategies: [single_job_shared_cluster]\n";

}  // namespace

TEST_SUITE("cli.exec") {
  TEST_CASE("a retried task succeeds: exit 0, a line per state change, events.jsonl, logs, the summary") {
    ExecDir d;
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: "test $ORCHSIM_ATTEMPT -ge 2", shell: true, max_retries: 1}
    - {task_key: b, depends_on: [a], duration: 1s, command: [echo, hello]}
)");
    const auto r = invoke({"exec", file, "--run-dir", d.runs()});
    CHECK(r.code == 0);
    CHECK(std::regex_search(r.out, std::regex(R"(\d\d:\d\d:\d\d\.\d{3} task a attempt 1 RUNNING\n)")));
    CHECK(r.out.find("task a attempt 1 FAILED (task_error)") != std::string::npos);
    CHECK(r.out.find("task a attempt 2 SUCCEEDED") != std::string::npos);
    CHECK(r.out.find("job w: SUCCESS") != std::string::npos);
    const auto dirs = invocations(d.runs());
    REQUIRE(dirs.size() == 1);
    CHECK(read_text(dirs[0] / "logs/b.1.out") == "hello\n");
    CHECK(task_changes(read_text(dirs[0] / "events.jsonl")) ==
          std::vector<std::string>{"a task_started ", "a task_finished SUCCESS", "b task_started ",
                                   "b task_finished SUCCESS"});
    CHECK(fs::exists(fs::path(d.runs()) / "runs.sqlite"));
  }

  TEST_CASE("exit codes: 1 for FAILED, 4 for SUCCESS_WITH_FAILURES") {
    ExecDir d;
    const std::string failed = d.write("f.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: [sh, -c, "exit 5"]}
)");
    CHECK(invoke({"exec", failed, "--run-dir", d.runs()}).code == 1);
    // a failed, but the only leaf (an ALL_DONE handler) succeeded: SUCCESS_WITH_FAILURES.
    const std::string partial = d.write("p.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: [sh, -c, "exit 5"]}
    - {task_key: b, depends_on: [a], run_if: ALL_DONE, duration: 1s, command: ["true"]}
)");
    CHECK(invoke({"exec", partial, "--run-dir", d.runs()}).code == 4);
  }

  TEST_CASE("a gate failing on the manifest fails the task once, commits nothing, and the job rolls back") {
    ExecDir d;
    // `raw` commits version 1 of table raw; `gold` stages 0 rows against min_rows 1: gate_failed, permanent
    // failure (no retry despite max_retries), gold stays at version 0, and rollback: job restores raw.
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  rollback: job
  tasks:
    - task_key: raw
      duration: 1s
      tables: [raw]
      command: "mkdir -p $ORCHSIM_TABLES_DIR/raw && echo 1 > $ORCHSIM_TABLES_DIR/raw/part.csv"
      shell: true
    - task_key: gold
      depends_on: [raw]
      duration: 1s
      tables: [gold]
      max_retries: 2
      command: "mkdir -p $ORCHSIM_TABLES_DIR/gold && echo '{\"rows\": 0}' > $ORCHSIM_TABLES_DIR/gold/_manifest.json"
      shell: true
      gate: {min_rows: 1}
)");
    const auto r = invoke({"exec", file, "--run-dir", d.runs()});
    CHECK(r.code == 1);
    CHECK(r.out.find("task gold attempt 1 FAILED (gate_failed)") != std::string::npos);
    CHECK(r.out.find("task gold attempt 2") == std::string::npos);
    CHECK(r.out.find("table raw version 1 committed by task raw") != std::string::npos);
    CHECK(r.out.find("table gold version 1") == std::string::npos);
    CHECK(r.out.find("table raw restored to the content of version 0 (new version 2)") != std::string::npos);
    const auto dirs = invocations(d.runs());
    REQUIRE(dirs.size() == 1);
    CHECK(read_text(dirs[0] / "logs/gold.1.err").find("output check failed") != std::string::npos);
  }

  TEST_CASE("--parallel 1 runs independent tasks one after the other, in the order they were started") {
    ExecDir d;
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: [sleep, "0.1"]}
    - {task_key: b, duration: 1s, command: [sleep, "0.1"]}
)");
    const auto r = invoke({"exec", file, "--run-dir", d.runs(), "--parallel", "1"});
    CHECK(r.code == 0);
    const auto a_done = r.out.find("task a attempt 1 SUCCEEDED");
    const auto b_running = r.out.find("task b attempt 1 RUNNING");
    REQUIRE(a_done != std::string::npos);
    REQUIRE(b_running != std::string::npos);
    CHECK(a_done < b_running);
    CHECK(invoke({"exec", file, "--run-dir", d.runs(), "--parallel", "-1"}).code == 2);
  }

  TEST_CASE("a task without a command is bad input at the task, before anything runs") {
    ExecDir d;
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: ["true"]}
    - {task_key: b, duration: 1s}
)");
    const auto r = invoke({"exec", file, "--run-dir", d.runs()});
    CHECK(r.code == 2);
    CHECK(r.err.find(file + ":9:7: task 'b' has no command") != std::string::npos);
    CHECK_FALSE(fs::exists(d.runs()));
  }

  TEST_CASE("--repair reruns only the failed task and what it blocked, in the same recorded run") {
    ExecDir d;
    const std::string marker = (d.path / "fixed").string();
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: a, duration: 1s, command: ["true"]}
    - {task_key: b, depends_on: [a], duration: 1s, command: [test, -f, ")" + marker + R"("]}
    - {task_key: c, depends_on: [b], duration: 1s, command: ["true"]}
    - {task_key: side, depends_on: [a], duration: 1s, command: ["true"]}
)");
    const auto first = invoke({"exec", file, "--run-dir", d.runs()});
    REQUIRE(first.code == 1);
    CHECK(first.out.find("run 1 recorded") != std::string::npos);
    std::ofstream(marker) << "ok";
    const auto repair = invoke({"exec", "--repair", "1", "--run-dir", d.runs()});
    CHECK(repair.code == 0);
    CHECK(repair.out.find("repair 1 started: 2 task(s) to rerun") != std::string::npos);
    CHECK(repair.out.find("task b attempt 2 RUNNING") != std::string::npos);
    CHECK(repair.out.find("task c attempt 1 RUNNING") != std::string::npos);
    CHECK(repair.out.find("task a attempt") == std::string::npos);
    CHECK(repair.out.find("task side attempt") == std::string::npos);
    CHECK(repair.out.find("run 1 recorded") != std::string::npos);
    CHECK(invoke({"exec", "--repair", "7", "--run-dir", d.runs()}).code == 2);
  }

  TEST_CASE("SIGINT cancels the run: the process is killed, tasks CANCELED, the handler runs, exit 1") {
    ExecDir d;
    const std::string pid_file = (d.path / "sleep.pid").string();
    const std::string file = d.write("s.yaml", std::string(kHeader) + R"(workload:
  name: w
  tasks:
    - {task_key: long, duration: 1s, command: "echo $$ > )" + pid_file + R"(; exec sleep 30", shell: true}
    - {task_key: after, depends_on: [long], duration: 1s, command: ["true"]}
    - {task_key: cleanup, depends_on: [long], run_if: ALL_DONE, duration: 1s, command: ["true"]}
)");
    const std::string out_file = (d.path / "out.txt").string();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      std::ofstream out(out_file);
      std::ostringstream err;
      const std::vector<std::string> args{"orchsim", "exec", file, "--run-dir", d.runs()};
      std::vector<const char*> argv;
      for (const auto& a : args) argv.push_back(a.c_str());
      const int code = orchsim::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
      out.flush();
      ::_exit(code);
    }
    // Wait (up to 10 s) until the sleeping task runs and has said its pid, then interrupt.
    const auto started = [&] {
      return read_text(out_file).find("task long attempt 1 RUNNING") != std::string::npos &&
             read_text(pid_file).find('\n') != std::string::npos;
    };
    for (int i = 0; i < 1000 && !started(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(started());
    const auto t0 = std::chrono::steady_clock::now();
    ::kill(child, SIGINT);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));  // the TERM, not the 30 s sleep
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    const std::string out = read_text(out_file);
    CHECK(out.find("task long CANCELED") != std::string::npos);
    CHECK(out.find("task after UPSTREAM_CANCELED") != std::string::npos);
    CHECK(out.find("task cleanup SUCCESS") != std::string::npos);
    CHECK(out.find("job w CANCELED") != std::string::npos);
    const pid_t sleeper = std::stoi(read_text(pid_file));
    CHECK((::kill(sleeper, 0) != 0 && errno == ESRCH));
  }

  TEST_CASE("the same job live and simulated, durations set to the measured ones: the same task state changes") {
    ExecDir d;
    // a → (b fails permanently, c) → d (ALL_DONE) and e (after c only); clear gaps between durations
    // of tasks that run at once (b 0.1 s and c 0.6 s; d 0.1 s and e 0.4 s, which both start when c
    // ends), so that a loaded machine's scheduling delays cannot swap two state changes.
    const std::vector<std::string> keys{"a", "b", "c", "d", "e"};
    const std::vector<std::string> rest{
        "command: [sleep, \"0.1\"]",
        "depends_on: [a], permanent_failure_probability: 1, command: [sh, -c, \"sleep 0.1; exit 3\"], "
        "permanent_exit_codes: [3]",
        "depends_on: [a], command: [sleep, \"0.6\"]",
        "depends_on: [b, c], run_if: ALL_DONE, command: [sleep, \"0.1\"]",
        "depends_on: [c], command: [sleep, \"0.4\"]"};
    auto scenario = [&](const std::vector<std::string>& durations) {
      std::string text = std::string(kHeader) + "workload:\n  name: w\n  tasks:\n";
      for (std::size_t i = 0; i < keys.size(); ++i) {
        text += "    - {task_key: " + keys[i] + ", duration: " + durations[i] + ", " + rest[i] + "}\n";
      }
      return text;
    };
    const std::string file = d.write("live.yaml", scenario({"1s", "1s", "1s", "1s", "1s"}));
    const auto live = invoke({"exec", file, "--run-dir", d.runs()});
    REQUIRE(live.code == 4);  // b failed, but the leaves d (ALL_DONE) and e succeeded
    const auto dirs = invocations(d.runs());
    REQUIRE(dirs.size() == 1);
    const std::string events = read_text(dirs[0] / "events.jsonl");
    const std::vector<std::string> live_changes = task_changes(events);

    // Each task's measured running time, from its attempt_running to its attempt_finished.
    std::vector<std::string> measured;
    for (const auto& key : keys) {
      const std::regex running("\"t_us\":(\\d+),\"event\":\"attempt_running\"[^\\n]*\"task_key\":\"" + key + "\"");
      const std::regex finished("\"t_us\":(\\d+),\"event\":\"attempt_finished\"[^\\n]*\"task_key\":\"" + key + "\"");
      std::smatch r, f;
      REQUIRE(std::regex_search(events, r, running));
      REQUIRE(std::regex_search(events, f, finished));
      measured.push_back(std::to_string(static_cast<double>(std::stoll(f[1].str()) - std::stoll(r[1].str())) / 1000) + "ms");
    }
    const std::string sim_file = d.write("sim.yaml", scenario(measured));
    const auto simulated = invoke({"compare", sim_file, "--trace", (d.path / "trace").string(), "-n", "1"});
    REQUIRE(simulated.code == 0);
    const std::vector<std::string> sim_changes =
        task_changes(read_text(d.path / "trace/single_job_shared_cluster/events.jsonl"));
    CHECK(live_changes == sim_changes);
    CHECK(live_changes.size() == 10);  // five tasks, each started and finished
  }
}
