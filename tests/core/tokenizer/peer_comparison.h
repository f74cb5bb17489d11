#pragma once

#include <QString>
#include <QStringList>

struct PeerResult
{
    int strings = 0;
    int ids = 0;               //!< expected ids compared (plain and with special tokens)
    int mismatches = 0;        //!< strings whose ids differ in either mode
    int roundtrips = 0;        //!< strings the peer round-trips, which we must too
    int roundtripFailures = 0;
    int streamFailures = 0;    //!< StreamingDecoder output != decode()
    size_t bytes = 0;
    double megabytesPerSecond = 0.0;     //!< first pass, word cache cold
    double warmMegabytesPerSecond = 0.0; //!< later passes over the same corpus
    QStringList failures;      //!< the first few, for the log
};

//! Compares our encoding of every string in `expectedPath` (JSONL from peer.mjs) with the peer's.
PeerResult comparePeer(const QString &name, const QString &tokenizerPath,
                       const QString &expectedPath);
