#include "idgenerator.h"

#include <QByteArray>

namespace XeroEmulator {

IdGenerator::IdGenerator(std::optional<quint32> seed)
{
    reseed(seed);
}

void IdGenerator::reseed(std::optional<quint32> seed)
{
    m_random =
        seed ? QRandomGenerator(*seed) : QRandomGenerator(QRandomGenerator::system()->generate());
}

std::string IdGenerator::uuid()
{
    QByteArray bytes(16, Qt::Uninitialized);
    for (auto &byte : bytes)
        byte = static_cast<char>(m_random.bounded(256));
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    const auto hex = bytes.toHex().toStdString();
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-'
        + hex.substr(16, 4) + '-' + hex.substr(20, 12);
}

std::string IdGenerator::token(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (auto &byte : data)
        byte = static_cast<char>(m_random.bounded(256));
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

} // namespace XeroEmulator
