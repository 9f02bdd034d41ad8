// A minimal "--name value" / "--flag" parser shared by the sub-commands, so each
// command states its options once and gets uniform error messages.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace axs::cli {

class Options {
public:
    /// valued: options that take a value; flags: options that take none.
    Options(const std::vector<std::string>& args, std::set<std::string> valued, std::set<std::string> flags = {}) {
        for (size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (flags.count(a)) {
                values_[a] = "";
                continue;
            }
            if (valued.count(a)) {
                if (i + 1 >= args.size()) throw Error("option " + a + " needs a value");
                values_[a] = args[++i];
                continue;
            }
            throw Error("unknown option '" + a + "'");
        }
    }
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const {
        auto it = values_.find(name);
        return it == values_.end() ? fallback : it->second;
    }
    std::string required(const std::string& name) const {
        if (!has(name)) throw Error("missing required option " + name);
        return get(name);
    }
    long long getInt(const std::string& name, long long fallback) const {
        if (!has(name)) return fallback;
        const std::string v = get(name);
        try {
            size_t used = 0;
            const long long n = std::stoll(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return n;
        } catch (const std::logic_error&) {
            throw Error("option " + name + " expects a whole number, got '" + v + "'");
        }
    }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace axs::cli
