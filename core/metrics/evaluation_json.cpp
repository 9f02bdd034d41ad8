// JSON rendering of a ContactEvaluation (evaluation.json of predict / coevolution / evaluate).
#include <charconv>
#include <cmath>

#include "metrics/contact_precision.hpp"

namespace axs {

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
    return std::string(buf, res.ptr);
}

}  // namespace

std::string evaluationJson(const ContactEvaluation& ev) {
    std::string s = "{\"L\": ";
    s += std::to_string(ev.length);
    s += ", \"Lc\": ";
    s += std::to_string(ev.lengthWithCoordinates);
    s += ", \"precision\": {";
    const ContactRange order[] = {ContactRange::Long, ContactRange::Medium, ContactRange::Short, ContactRange::Local};
    bool first = true;
    for (ContactRange range : order) {
        const RangePrecision& r = ev[range];
        if (!first) s += ", ";
        first = false;
        s += '"';
        s += rangeBounds(range).name;
        s += "\": {\"P@L\": ";
        s += number(r.pAtL);
        s += ", \"P@L/2\": ";
        s += number(r.pAtL2);
        s += ", \"P@L/5\": ";
        s += number(r.pAtL5);
        s += ", \"AUC\": ";
        s += number(r.auc);
        s += '}';
    }
    s += "}}";
    return s;
}

}  // namespace axs
