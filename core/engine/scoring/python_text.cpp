#include "engine/scoring/python_text.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace wb::engine {

std::string pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    // Shortest round-trip digits in scientific form ("1.2345e+17"), then laid out the way
    // Python's float_repr_style 'short' does: positional when -4 <= exponent < 16.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    bool negative = !sci.empty() && sci[0] == '-';
    if (negative)
        sci.erase(0, 1);
    const size_t ePos = sci.find('e');
    const int exponent = std::atoi(sci.c_str() + ePos + 1);
    std::string digits;
    for (size_t i = 0; i < ePos; ++i)
        if (sci[i] != '.')
            digits.push_back(sci[i]);

    std::string out;
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out = "0." + std::string(size_t(-exponent - 1), '0') + digits;
        } else {
            const size_t intLen = size_t(exponent) + 1;
            if (digits.size() <= intLen)
                out = digits + std::string(intLen - digits.size(), '0') + ".0";
            else
                out = digits.substr(0, intLen) + "." + digits.substr(intLen);
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        const int absExp = exponent < 0 ? -exponent : exponent;
        out += exponent < 0 ? "e-" : "e+";
        if (absExp < 10)
            out += '0';
        out += std::to_string(absExp);
    }
    return negative ? "-" + out : out;
}

std::string pythonStr(const api::Json &value)
{
    switch (value.type()) {
    case api::Json::value_t::null:
        return "None";
    case api::Json::value_t::boolean:
        return value.get<bool>() ? "True" : "False";
    case api::Json::value_t::string:
        return value.get_ref<const std::string &>();
    case api::Json::value_t::number_float:
        return pythonFloatRepr(value.get<double>());
    default:
        return value.dump(); // integers; arrays and objects as compact JSON (see the header)
    }
}

std::string answerText(const api::Json &value)
{
    if (value.is_string())
        return value.get_ref<const std::string &>();
    return value.dump();
}

} // namespace wb::engine
