#include "engine/samples.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace wb::engine {

namespace {

struct Sample
{
    const char *id;
    const char *file;
    api::DatasetPurpose purpose;
    const char *description;
};

constexpr Sample kSamples[] = {
    {"sample/capitals-and-facts-qa", "capitals-and-facts-qa.csv", api::DatasetPurpose::EvalQuestionAnswer,
     "Short factual questions with one-phrase answers (bundled sample)."},
    {"sample/arithmetic-messages-answer", "arithmetic-messages-answer.jsonl",
     api::DatasetPurpose::EvalMessagesAnswer,
     "Arithmetic questions as chat messages, with the expected number (bundled sample)."},
    {"sample/assistant-dialogs", "assistant-dialogs-messages.jsonl",
     api::DatasetPurpose::PostTrainingMessages,
     "Short assistant conversations for supervised fine-tuning (bundled sample)."},
};

constexpr const char *kSeededKey = "samples_seeded";

} // namespace

api::Status seedSampleDatasets(DatasetService &datasets, store::Store &store, const QString &samplesDir)
{
    auto seeded = store.getMeta(kSeededKey);
    if (!seeded)
        return seeded.error();
    if (seeded.value())
        return {};
    if (!QDir().mkpath(samplesDir))
        return api::Error::internal("cannot create " + samplesDir.toStdString());

    for (const Sample &sample : kSamples) {
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
    return store.setMeta(kSeededKey, "1");
}

} // namespace wb::engine
