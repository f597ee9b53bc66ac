#include "sqlscript.h"

namespace XeroSync {
namespace {
bool isTagChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}
} // namespace

QStringList SqlScript::split(const QString &script)
{
    QStringList statements;
    QString current;
    bool hasCode = false; // the current statement holds more than whitespace and comments
    const qsizetype n = script.size();
    qsizetype i = 0;

    auto flush = [&] {
        if (hasCode)
            statements << current.trimmed();
        current.clear();
        hasCode = false;
    };

    while (i < n) {
        const QChar c = script[i];
        const QChar next = i + 1 < n ? script[i + 1] : QChar();
        if (c == u'-' && next == u'-') { // line comment
            const qsizetype end = script.indexOf(u'\n', i);
            const qsizetype stop = end < 0 ? n : end;
            current += script.mid(i, stop - i);
            i = stop;
        } else if (c == u'/' && next == u'*') { // block comment, nestable in PostgreSQL
            int depth = 0;
            const qsizetype start = i;
            do {
                if (script[i] == u'/' && i + 1 < n && script[i + 1] == u'*') {
                    ++depth;
                    i += 2;
                } else if (script[i] == u'*' && i + 1 < n && script[i + 1] == u'/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (i < n && depth > 0);
            current += script.mid(start, i - start);
        } else if (c == u'\'' || c == u'"') { // string or quoted identifier
            const bool backslashEscapes = c == u'\'' && i > 0
                && (script[i - 1] == u'E' || script[i - 1] == u'e')
                && (i < 2 || !isTagChar(script[i - 2]));
            const qsizetype start = i++;
            while (i < n) {
                if (backslashEscapes && script[i] == u'\\') {
                    i += 2;
                    continue;
                }
                if (script[i] == c) {
                    if (i + 1 < n && script[i + 1] == c) { // doubled quote
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            current += script.mid(start, i - start);
            hasCode = true;
        } else if (c == u'$' && (i == 0 || !isTagChar(script[i - 1]))) { // maybe $tag$
            qsizetype j = i + 1;
            while (j < n && isTagChar(script[j]) && !script[j].isDigit())
                ++j;
            if (j < n && script[j] == u'$') {
                const QString tag = script.mid(i, j - i + 1);
                const qsizetype close = script.indexOf(tag, j + 1);
                const qsizetype stop = close < 0 ? n : close + tag.size();
                current += script.mid(i, stop - i);
                i = stop;
            } else { // a positional parameter like $1
                current += c;
                ++i;
            }
            hasCode = true;
        } else if (c == u';') {
            flush();
            ++i;
        } else {
            current += c;
            if (!c.isSpace())
                hasCode = true;
            ++i;
        }
    }
    flush();
    return statements;
}

} // namespace XeroSync
