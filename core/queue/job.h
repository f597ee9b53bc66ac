#pragma once

#include <nlohmann/json.hpp>

#include <QHash>
#include <QString>
#include <QStringList>

#include "core/queue/joboptions.h"

namespace XeroSync {

enum class JobState
{
    Waiting,
    Active,
    Delayed,
    Completed,
    Failed,
    Paused,
    Unknown
};

QString jobStateName(JobState state); //!< "waiting", "active", ... as Bull names them
Result<JobState> jobStateFromName(const QString &name);

//! A job as stored in its Bull v4 hash.
struct Job
{
    QString id;
    QString name;
    QByteArray rawData; //!< the `data` field as stored (JSON text)
    nlohmann::json data; //!< parsed `data`; null when rawData is not valid JSON
    bool dataValid = true;
    JobOptions options;
    nlohmann::json progress = 0;
    int attemptsMade = 0;
    QString failedReason;
    QStringList stacktrace;
    nlohmann::json returnValue;
    qint64 timestamp = 0;
    qint64 processedOn = 0;
    qint64 finishedOn = 0;
    qint64 delayMs = 0;
    int priority = 0;
    int stalledCounter = 0;

    //! Builds a job from HGETALL's field/value list; a job whose opts are not JSON still loads
    //! (with default options) so it can be failed with a clear reason.
    static Job fromHash(const QString &id, const QHash<QByteArray, QByteArray> &fields);
};

} // namespace XeroSync
