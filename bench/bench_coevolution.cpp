// Times the built-in coevolution methods on a real alignment and prints wall time and peak
// resident memory, to compare with CCMpred (shared/docs/perf-baseline.md: 74 s, 468 MiB on
// T0866 with 2 threads).
//
// usage: bench_coevolution [MSA] [--threads N] [--method plm|mi|both] [--double]
//   MSA defaults to shared/data/msa/T0866/T0866.aln beside the repository.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "coevolution/apc.hpp"
#include "coevolution/encoding.hpp"
#include "coevolution/mutual_information.hpp"
#include "coevolution/plm.hpp"
#include "coevolution/reweighting.hpp"
#include "common/resource_usage.hpp"
#include "msa/msa_io.hpp"

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    // shared/ lies beside the repository: <repo>/bench/this.cpp -> <repo>/../shared.
    const std::string here = __FILE__;
    std::string path = here.substr(0, here.find_last_of('/') + 1) + "../../shared/data/msa/T0866/T0866.aln";
    std::string method = "both";
    int threads = 2;
    bool useDouble = false;
    for (int k = 1; k < argc; ++k) {
        const std::string a = argv[k];
        if (a == "--threads" && k + 1 < argc)
            threads = std::atoi(argv[++k]);
        else if (a == "--method" && k + 1 < argc)
            method = argv[++k];
        else if (a == "--double")
            useDouble = true;
        else if (!a.empty() && a[0] != '-')
            path = a;
        else {
            std::fprintf(stderr, "usage: bench_coevolution [MSA] [--threads N] [--method plm|mi|both] [--double]\n");
            return 2;
        }
    }
    try {
        omp_set_num_threads(threads);
        auto t0 = std::chrono::steady_clock::now();
        const axs::Msa msa = axs::readMsa(path);
        const axs::coevolution::EncodedMsa encoded = axs::coevolution::encodeMsa(msa);
        std::printf("%s: %zu rows x %zu columns, %d threads, read+encode %.2f s\n", path.c_str(), msa.depth(),
                    msa.width(), threads, secondsSince(t0));

        t0 = std::chrono::steady_clock::now();
        const std::vector<double> weights = axs::coevolution::sequenceWeights(encoded, 0.8, threads);
        std::printf("reweighting (80%%): %.3f s, Beff %.1f\n", secondsSince(t0),
                    axs::coevolution::effectiveSequences(weights));

        if (method == "mi" || method == "both") {
            t0 = std::chrono::steady_clock::now();
            const double cpu0 = axs::processCpuSeconds();
            const std::vector<double> w = axs::coevolution::sequenceWeights(encoded, 0.8, threads);
            axs::coevolution::MiOptions mo;
            mo.threads = threads;
            const Eigen::MatrixXd mi =
                axs::coevolution::averageProductCorrection(axs::coevolution::mutualInformation(encoded, w, mo));
            std::printf("MI+APC (incl. weights): %.3f s wall, %.3f s CPU, peak RSS so far %.0f MiB\n", secondsSince(t0),
                        axs::processCpuSeconds() - cpu0, axs::peakResidentMib());
        }
        if (method == "plm" || method == "both") {
            axs::coevolution::PlmOptions options;
            options.threads = threads;
            if (useDouble) options.precision = axs::coevolution::PlmPrecision::Double;
            t0 = std::chrono::steady_clock::now();
            const double cpu0 = axs::processCpuSeconds();
            const axs::coevolution::PlmResult r = axs::coevolution::runPlm(encoded, options);
            const double s = secondsSince(t0), cpu = axs::processCpuSeconds() - cpu0;
            std::printf(
                "plm (incl. weights): %.2f s wall, %.2f s CPU; %d iterations, %d evaluations "
                "(%.2f s in evaluations, %.3f s each; %.2f s in L-BFGS), %s, objective %.6g, "
                "%zu unique rows\n",
                s, cpu, r.iterations, r.evaluations, r.objectiveSeconds,
                r.objectiveSeconds / std::max(1, r.evaluations), s - r.objectiveSeconds, r.stopReason.c_str(),
                r.objective, r.uniqueRows);
        }
        std::printf("peak RSS %.0f MiB\n", axs::peakResidentMib());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_coevolution: %s\n", e.what());
        return 1;
    }
    return 0;
}
