#pragma once

// The Python baseline of a benchmark, kept running so its runs can alternate with ours: a
// `python3 <script> <args...>` process that first answers one JSON line ({"threads": n, ...}), then
// one JSON line per JSON command written to it. Shared by bench_model, bench_lora and
// bench_rerank_llm; the scripts live beside this header (WB_SOURCE_DIR/tests/bench).

#include <QProcess>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

class PythonBaseline
{
public:
    //! Starts `script` (a file name in tests/bench) with `args`; false when it does not answer.
    //! `threads` is what the script was asked to use: a different answer is reported.
    bool start(const QString &script, QStringList args, int threads)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        args.prepend(QStringLiteral(WB_SOURCE_DIR "/tests/bench/") + script);
        m_process.start(QStringLiteral("/usr/bin/python3"), args);
        const auto ready = readAnswer();
        if (!ready)
            return false;
        if (ready->value("threads", 0) != threads)
            std::fprintf(stderr, "python runs %d threads, not %d\n", ready->value("threads", 0), threads);
        return true;
    }
    ~PythonBaseline()
    {
        m_process.closeWriteChannel();
        m_process.waitForFinished(10000);
    }

    //! Sends one command and waits for its answer; nullopt when the script stopped or answered
    //! something that is not JSON.
    std::optional<nlohmann::json> ask(const nlohmann::json &command)
    {
        m_process.write(QByteArray::fromStdString(command.dump() + "\n"));
        return readAnswer();
    }

private:
    std::optional<nlohmann::json> readAnswer()
    {
        while (!m_process.canReadLine()) {
            if (m_process.state() == QProcess::NotRunning || !m_process.waitForReadyRead(-1)) {
                std::fprintf(stderr, "the python baseline stopped (is python3-torch installed?)\n");
                return std::nullopt;
            }
        }
        try {
            return nlohmann::json::parse(m_process.readLine().toStdString());
        } catch (const std::exception &e) {
            std::fprintf(stderr, "unreadable python answer: %s\n", e.what());
            return std::nullopt;
        }
    }

    QProcess m_process;
};
