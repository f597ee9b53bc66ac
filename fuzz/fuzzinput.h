#pragma once

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include <QByteArray>

// Helpers shared by the fuzz targets (header only: each target is one translation unit plus the
// product sources it exercises).
namespace XeroSync::Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

//! The input as JSON the way the product parses request and reply bodies: no exceptions, a
//! discarded value for anything that is not JSON.
inline nlohmann::json json(const QByteArray &input)
{
    return nlohmann::json::parse(input.constBegin(), input.constEnd(), nullptr, false);
}

} // namespace XeroSync::Fuzz
