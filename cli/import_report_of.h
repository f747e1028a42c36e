// import_report_of: a Databricks import (sim/input/databricks_job_mapper.h) as the plain
// reports::ImportReport that report.md, report.html and summary.json render in their "Import"
// section; the CLI is the one place that sees both sides. Called on the CLI's thread.
#pragma once

#include "reports/import_report.h"
#include "sim/input/databricks_job_mapper.h"

namespace orchsim::cli {

reports::ImportReport import_report_of(const sim::DatabricksImport& import);

}  // namespace orchsim::cli
