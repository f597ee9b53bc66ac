#pragma once

#include <nlohmann/json.hpp>

#include <QByteArrayList>
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
    //! The hash fields a worker reads to start a job, in the order the scripts return their
    //! values (startedjob.lua lists the same); the last three only for a job that ran before.
    static const QByteArrayList &startFields();
    //! Builds a job being started from the values of startFields(), in that order (fewer values
    //! leave the rest out); a null QByteArray stands for a field the hash lacks.
    static Job fromStartFields(const QString &id, const QByteArrayList &values);
};

} // namespace XeroSync
