#pragma once

// "Add model folder…": a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)
// registered under an id that defaults to the folder's name. The path is the backend's: with a
// remote connection it names a folder on the server, so the dialog does not insist that it exists
// here; the backend says what is missing (naming the file).

#include "register_model_dialog.h"

class QLineEdit;

namespace wb::ui {

//! The request for `folder` under `modelId` (empty: the folder's name); a message when the input
//! cannot be sent.
std::variant<api::RegisterModelRequest, QString> modelFolderRequest(const QString &folder,
                                                                    const QString &modelId);

class AddModelFolderDialog : public RegisterModelDialog
{
    Q_OBJECT
public:
    AddModelFolderDialog(api::StackApi &api, QWidget *parent);

    void setFolder(const QString &folder);
    void setModelId(const QString &modelId);
    //! The id that will be used: the id field, or the folder's name when it is empty.
    QString effectiveModelId() const;

    std::variant<api::RegisterModelRequest, QString> buildRequest() const override;

private:
    void browse();

    QLineEdit *m_folder;
    QLineEdit *m_modelId;
};

} // namespace wb::ui
