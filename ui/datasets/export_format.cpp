#include "export_format.h"

namespace wb::ui {

std::string csvField(const std::string &value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csvHeader(const std::vector<std::string> &columns)
{
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i)
            line += ',';
        line += csvField(columns[i]);
    }
    return line + "\r\n";
}

std::string csvRecord(const api::Json &row, const std::vector<std::string> &columns)
{
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i)
            line += ',';
        const auto it = row.find(columns[i]);
        if (it == row.end() || it->is_null())
            continue;
        line += csvField(it->is_string()
                             ? it->get<std::string>()
                             : it->dump(-1, ' ', false, api::Json::error_handler_t::replace));
    }
    return line + "\r\n";
}

std::string jsonlRecord(const api::Json &row)
{
    return row.dump(-1, ' ', false, api::Json::error_handler_t::replace) + "\n";
}

} // namespace wb::ui
