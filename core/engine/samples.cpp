#include "engine/samples.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdlib>

namespace wb::engine {

namespace {

struct Sample
{
    const char *id;
    const char *file;
    api::DatasetPurpose purpose;
    const char *description;
    int since; //!< seeding round that added it (see kSeededKey)
};

constexpr Sample kSamples[] = {
    {"sample/capitals-and-facts-qa", "capitals-and-facts-qa.csv", api::DatasetPurpose::EvalQuestionAnswer,
     "Short factual questions with one-phrase answers (bundled sample).", 1},
    {"sample/arithmetic-messages-answer", "arithmetic-messages-answer.jsonl",
     api::DatasetPurpose::EvalMessagesAnswer,
     "Arithmetic questions as chat messages, with the expected number (bundled sample).", 1},
    {"sample/assistant-dialogs", "assistant-dialogs-messages.jsonl",
     api::DatasetPurpose::PostTrainingMessages,
     "Short assistant conversations for supervised fine-tuning (bundled sample).", 1},
    {"sample/capitals-and-facts-train", "capitals-and-facts-train.jsonl", api::DatasetPurpose::PostTrainingMessages,
     "The facts of sample/capitals-and-facts-qa asked and answered in other words, in the instruct format: "
     "the training set of the bundled fine-tuning example (bundled sample).",
     2},
    // Not an eval set: the spec has no rerank purpose, so it takes the closest one; the rerank
    // playground's batch mode reads its query, candidates and relevance columns.
    {"sample/rerank-queries", "rerank-queries.jsonl", api::DatasetPurpose::EvalQuestionAnswer,
     "Questions with candidate passages and graded relevance labels (2 answers it, 1 on the topic, "
     "0 unrelated) for the rerank playground's batch mode (bundled sample).",
     3},
};

// The last seeding round a store has had: "1" (the first three samples), "2" (the training set
// of the fine-tuning example), "3" (the rerank sample). A store seeded in an earlier round gets only the newer samples, so
// a sample the user deleted stays deleted.
constexpr const char *kSeededKey = "samples_seeded";
constexpr int kSeedingRound = 3;
constexpr const char *kStarterKey = "starter_model_seeded";

} // namespace

api::Status seedSampleDatasets(DatasetService &datasets, store::Store &store, const QString &samplesDir)
{
    auto seeded = store.getMeta(kSeededKey);
    if (!seeded)
        return seeded.error();
    const int done = seeded.value() ? std::atoi(seeded.value()->c_str()) : 0;
    if (done >= kSeedingRound)
        return {};
    if (!QDir().mkpath(samplesDir))
        return api::Error::internal("cannot create " + samplesDir.toStdString());

    for (const Sample &sample : kSamples) {
        if (sample.since <= done)
            continue;
        const QString target = QDir(samplesDir).filePath(QString::fromLatin1(sample.file));
        if (!QFileInfo::exists(target)) {
            const QString resource = QStringLiteral(":/samples/") + QString::fromLatin1(sample.file);
            if (!QFile::copy(resource, target))
                return api::Error::internal("cannot copy the sample " + resource.toStdString() + " to "
                                            + target.toStdString());
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup
                                              | QFile::ReadOther);
        }
        api::RegisterDatasetRequest request;
        request.dataset_id = sample.id;
        request.purpose = sample.purpose;
        request.source = api::UriDataSource{target.toStdString()};
        request.metadata.value = api::Json{{"description", sample.description}, {"sample", true}};
        auto registered = datasets.registerDataset(std::string(), request); // owner "": shared
        if (!registered && registered.error().status != 409) // a user's own dataset keeps the id
            return registered.error();
    }
    return store.setMeta(kSeededKey, std::to_string(kSeedingRound));
}

api::Status seedStarterModel(store::Store &store, const QString &modelsDir)
{
    auto seeded = store.getMeta(kStarterKey);
    if (!seeded)
        return seeded.error();
    if (seeded.value())
        return {};
    const QDir bundled(QStringLiteral(":/starter/model"));
    if (!bundled.exists())
        return {}; // a build without the starter model
    const QDir target(QDir(modelsDir).filePath(QStringLiteral("starter")));
    if (!target.exists()) {
        // Copied into a temporary folder first: a half-copied model must never be listed.
        const QString partial = target.path() + QStringLiteral(".partial");
        QDir(partial).removeRecursively();
        if (!QDir().mkpath(partial))
            return api::Error::internal("cannot create " + partial.toStdString());
        for (const QString &name : bundled.entryList(QDir::Files)) {
            const QString to = QDir(partial).filePath(name);
            if (!QFile::copy(bundled.filePath(name), to))
                return api::Error::internal("cannot copy the starter model's " + name.toStdString() + " to "
                                            + to.toStdString());
            QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
        if (!QDir().rename(partial, target.path()))
            return api::Error::internal("cannot move the starter model to " + target.path().toStdString());
    }
    return store.setMeta(kStarterKey, "1");
}

} // namespace wb::engine
