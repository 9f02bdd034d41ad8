// axialscope-cli: the headless front end over core. Dispatches to one sub-command.
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <string>

#include "commands.hpp"
#include "common/error.hpp"

namespace {

const char* kUsage =
    "usage: axialscope-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  predict      run ESM-MSA-1b on an MSA; write tokens, logits, representations,\n"
    "               attentions and contacts as .npy, contacts as CSV and CASP RR\n"
    "  info         describe a checkpoint or an MSA file\n"
    "  evaluate     score a contact prediction against a structure\n"
    "  bench        time the forward pass of the official-size model\n"
    "  coevolution  pseudo-likelihood (plm) or mutual-information contacts from an MSA\n"
    "  heads        score every attention head's map against a structure\n"
    "  estimate     memory and time a predict or coevolution run will need, without running it\n"
    "\n"
    "Run 'axialscope-cli <command> --help' for the options of one command;\n"
    "'axialscope-cli --version' prints the version.\n";

}  // namespace

int main(int argc, char** argv) {
    const std::map<std::string, std::function<int(const axs::cli::Args&)>> commands = {
        {"predict", axs::cli::runPredict},         {"info", axs::cli::runInfo},
        {"evaluate", axs::cli::runEvaluate},       {"bench", axs::cli::runBench},
        {"coevolution", axs::cli::runCoevolution}, {"heads", axs::cli::runHeads},
        {"estimate", axs::cli::runEstimate},
    };
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (std::string(argv[1]) == "--version") {
        std::printf("axialscope-cli %s\n", AXS_VERSION);
        return 0;
    }
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::fprintf(stderr, "axialscope-cli: unknown command '%s'\n\n%s", argv[1], kUsage);
        return 2;
    }
    try {
        return it->second(axs::cli::Args(argv + 2, argv + argc));
    } catch (const axs::Cancelled&) {
        std::fprintf(stderr, "axialscope-cli %s: cancelled\n", argv[1]);
        return 130;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "axialscope-cli %s: error: %s\n", argv[1], e.what());
        return 1;
    }
}
