#include "add_model_folder_dialog.h"

#include "common/json_text.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace wb::ui {

namespace {

struct FolderTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::AddModelFolderDialog)
};

QString folderName(const QString &folder)
{
    return QFileInfo(QDir::cleanPath(folder)).fileName();
}

} // namespace

std::variant<api::RegisterModelRequest, QString> modelFolderRequest(const QString &folder,
                                                                    const QString &modelId)
{
    const QString path = QDir::cleanPath(folder.trimmed());
    if (folder.trimmed().isEmpty())
        return FolderTr::tr("Choose the model folder (the one with config.json).");
    if (!QDir::isAbsolutePath(path))
        return FolderTr::tr("Enter the folder's full path, not a relative one: %1").arg(path);
    const QString id = modelId.trimmed().isEmpty() ? folderName(path) : modelId.trimmed();
    if (id.isEmpty())
        return FolderTr::tr("Enter a model id.");
    if (id.contains(QRegularExpression(QStringLiteral("\\s"))))
        return FolderTr::tr("The model id must not contain spaces: “%1”.").arg(id);

    api::RegisterModelRequest request;
    request.model_id = toStdString(id);
    request.provider_id = "local";
    request.model_type = api::ModelType::Llm;
    request.metadata.value["path"] = toStdString(QDir::toNativeSeparators(path));
    return request;
}

AddModelFolderDialog::AddModelFolderDialog(api::StackApi &api, QWidget *parent)
    : RegisterModelDialog(api, parent)
    , m_folder(new QLineEdit(this))
    , m_modelId(new QLineEdit(this))
{
    setObjectName(QStringLiteral("addModelFolderDialog"));
    setWindowTitle(tr("Add Model Folder"));
    m_folder->setObjectName(QStringLiteral("modelFolderEdit"));
    m_folder->setPlaceholderText(tr("a Hugging Face model folder with config.json"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("browseFolderButton"));
    connect(browse, &QPushButton::clicked, this, &AddModelFolderDialog::browse);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder);
    folderRow->addWidget(browse);

    m_modelId->setObjectName(QStringLiteral("modelIdEdit"));
    // The default shows as the placeholder, so an empty field visibly means "the folder's name".
    connect(m_folder, &QLineEdit::textChanged, this, [this](const QString &folder) {
        m_modelId->setPlaceholderText(folderName(folder));
    });

    form()->addRow(tr("Folder:"), folderRow);
    form()->addRow(tr("Model id:"), m_modelId);
    resize(560, 180);
}

void AddModelFolderDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

void AddModelFolderDialog::setModelId(const QString &modelId)
{
    m_modelId->setText(modelId);
}

QString AddModelFolderDialog::effectiveModelId() const
{
    const QString id = m_modelId->text().trimmed();
    return id.isEmpty() ? folderName(m_folder->text().trimmed()) : id;
}

std::variant<api::RegisterModelRequest, QString> AddModelFolderDialog::buildRequest() const
{
    return modelFolderRequest(m_folder->text(), m_modelId->text());
}

void AddModelFolderDialog::browse()
{
    // Non-blocking: a nested event loop here would let results arrive into a half-open dialog.
    auto *chooser = new QFileDialog(this, tr("Choose a Model Folder"), m_folder->text());
    chooser->setObjectName(QStringLiteral("modelFolderChooser"));
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, m_folder, &QLineEdit::setText);
    chooser->open();
}

} // namespace wb::ui
