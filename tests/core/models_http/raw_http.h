#pragma once

// RawHttp: one HTTP/1.1 request on a plain socket, for what a client library would hide: the
// exact status line and headers of a streamed answer, its chunked framing, and hanging up in the
// middle of a stream. Blocking; the server must run on another thread.

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

namespace wb::test {

struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;      //!< de-chunked
    bool complete = false; //!< the body ended properly (last chunk, or Content-Length reached)

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
    //! The `data:` payloads of an event stream, in order.
    QList<QByteArray> events() const
    {
        QList<QByteArray> out;
        for (const QByteArray &block : body.split('\n'))
            if (block.startsWith("data: "))
                out << block.mid(6);
        return out;
    }
};

class RawHttp
{
public:
    explicit RawHttp(quint16 port) : m_port(port) {}

    //! POSTs `body` (JSON) to `path`. With `hangUpAfterFirstEvent`, reads until one whole
    //! `data:` event has arrived, then closes the connection.
    RawResponse post(const QByteArray &path, const QByteArray &body, bool hangUpAfterFirstEvent = false)
    {
        return send("POST", path, body, hangUpAfterFirstEvent);
    }
    RawResponse get(const QByteArray &path) { return send("GET", path, {}, false); }

    RawResponse send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                     bool hangUpAfterFirstEvent)
    {
        RawResponse r;
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!socket.waitForConnected(5000))
            return r;
        socket.write(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     + (method == "POST" ? QByteArray("Content-Type: application/json\r\n") : QByteArray())
                     + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket.waitForBytesWritten(5000);

        QByteArray buffer;
        auto fill = [&] {
            if (!socket.waitForReadyRead(10000))
                return false;
            buffer += socket.readAll();
            return true;
        };
        int headerEnd;
        while ((headerEnd = buffer.indexOf("\r\n\r\n")) < 0)
            if (!fill())
                return r;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        r.status = lines.value(0).split(' ').value(1).toInt();
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        buffer.remove(0, headerEnd + 4);

        if (r.header("Transfer-Encoding").toLower() != "chunked") {
            const qint64 length = r.header("Content-Length").toLongLong();
            while (buffer.size() < length)
                if (!fill())
                    break;
            r.body = buffer.left(length);
            r.complete = r.body.size() == length;
            return r;
        }
        while (true) {
            int lineEnd;
            while ((lineEnd = buffer.indexOf("\r\n")) < 0)
                if (!fill())
                    return r;
            const qint64 size = buffer.left(lineEnd).toLongLong(nullptr, 16);
            while (buffer.size() < lineEnd + 2 + size + 2)
                if (!fill())
                    return r;
            r.body += buffer.mid(lineEnd + 2, size);
            buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0) {
                r.complete = true;
                return r;
            }
            if (hangUpAfterFirstEvent && r.body.contains("\n\n")) {
                socket.abort();
                return r;
            }
        }
    }

private:
    quint16 m_port;
};

} // namespace wb::test
