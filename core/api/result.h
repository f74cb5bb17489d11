#pragma once

// Result<T>: a value or an api::Error (see error.h for the convention). C++17 has no
// std::expected, so this is a small variant wrapper with the parts we use.
//
//   Result<Dataset> r = ...;
//   if (!r) return r.error();      // propagate
//   use(r.value());

#include "error.h"

#include <cassert>
#include <utility>
#include <variant>

namespace wb::api {

template<typename T>
class [[nodiscard]] Result
{
public:
    //! A default-constructed Result is an internal error; QFuture needs the default constructor.
    Result() : m_v(Error::internal("no result")) {}
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { assert(ok()); return std::get<0>(m_v); }
    T &value() & { assert(ok()); return std::get<0>(m_v); }
    T &&value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { assert(!ok()); return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default; //!< success
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { assert(!ok()); return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

} // namespace wb::api
