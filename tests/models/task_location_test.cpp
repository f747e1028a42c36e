// TaskLocation: one interned file name shared by the tasks of a file, read as the SourceLocation
// diagnostics take.
#include <doctest/doctest.h>

#include <string>

#include "models/task_location.h"

using namespace orchsim;

TEST_SUITE("models.task_location") {
  TEST_CASE("copies share one file name; it reads and compares as a string") {
    const models::SharedFileName file(std::string("dir/pipeline.yaml"));
    const models::TaskLocation a{file, 6, 7};
    const models::TaskLocation b{file, 9, 7};
    CHECK(a.file.str().data() == b.file.str().data());  // one string, not a copy per task
    CHECK(a.file == "dir/pipeline.yaml");
    CHECK(a.file == b.file);
    const std::string& text = a.file;
    CHECK(text == "dir/pipeline.yaml");
    CHECK_FALSE(a.file.empty());
    CHECK(models::SharedFileName().empty());
    CHECK(models::SharedFileName(std::string()).empty());
    CHECK(models::SharedFileName().str().empty());
  }

  TEST_CASE("a name made twice is one name; 12 bytes a location (issue #15)") {
    // The id 4 + line 4 + column 4.
    static_assert(sizeof(models::TaskLocation) == 12);
    const models::SharedFileName once("dir/pipeline.yaml");
    const models::SharedFileName again(std::string("dir/pipeline.yaml"));
    CHECK(once == again);
    CHECK(once.str().data() == again.str().data());
    CHECK_FALSE(once == models::SharedFileName("dir/other.yaml"));
    CHECK(models::SharedFileName("") == models::SharedFileName());
  }

  TEST_CASE("to and from a SourceLocation, line and column kept") {
    const models::TaskLocation where{"p.yaml", 3, 5};
    const SourceLocation located = where;
    CHECK(located.file == "p.yaml");
    CHECK(located.line == 3);
    CHECK(located.column == 5);
    const models::TaskLocation back = SourceLocation{"q.yaml", 4, 1};
    CHECK(back.file == "q.yaml");
    CHECK(back.line == 4);
    CHECK(back.column == 1);
    CHECK(models::TaskLocation().line == 0);  // unknown
    CHECK(static_cast<SourceLocation>(models::TaskLocation()).file.empty());
  }
}
