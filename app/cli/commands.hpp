// The sub-commands of axialscope-cli. Each lives in its own cmd_<name>.cpp and receives
// the arguments after the sub-command name. Return value: process exit code.
#pragma once

#include <string>
#include <vector>

namespace axs::cli {

using Args = std::vector<std::string>;

int runPredict(const Args& args);      // cmd_predict.cpp
int runInfo(const Args& args);         // cmd_info.cpp
int runEvaluate(const Args& args);     // cmd_evaluate.cpp
int runBench(const Args& args);        // cmd_bench.cpp
int runCoevolution(const Args& args);  // cmd_coevolution.cpp
int runHeads(const Args& args);        // cmd_heads.cpp
int runEstimate(const Args& args);     // cmd_estimate.cpp

}  // namespace axs::cli
