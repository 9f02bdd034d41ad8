#include "common/resource_usage.hpp"

#include <sys/resource.h>

#include <fstream>
#include <string>

namespace axs {

namespace {

/// A "Name:   1234 kB" line of /proc/self/status, in MiB.
double statusFieldMib(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::stod(line.substr(field.size())) / 1024.0;
    return 0.0;
}

}  // namespace

double peakResidentMib() { return statusFieldMib("VmHWM:"); }
double currentResidentMib() { return statusFieldMib("VmRSS:"); }

void resetPeakResidentMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

}  // namespace axs
