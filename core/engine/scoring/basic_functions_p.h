#pragma once

// Shared pieces of the `basic` provider's functions (basic_functions.cpp lists them). Private to
// core/engine/scoring.

#include "engine/scoring/scoring_function.h"

#include <QString>

#include <string>

namespace wb::engine::basic {

//! A row's answer column: a 400 "row is missing 'generated_answer'" when absent (the caller adds
//! the row index); a string as it is, any other value as its compact JSON text (see answerText).
api::Result<const api::Json *> column(const api::JsonObject &row, const char *name);
std::string columnText(const api::Json &value);
QString columnQString(const api::Json &value);

//! A definition of the basic provider: provider_id "basic", return_type number, metadata {}.
api::ScoringFn definition(const std::string &identifier, const std::string &providerResourceId,
                          const std::string &description, api::ScoringFnParams params);

//! "regex_parser" / "basic" / "llm_as_judge"
const char *paramsTypeName(const api::ScoringFnParams &params);

//! Checks that a regex function got regex_parser params ("basic::x takes params of type
//! regex_parser, got basic").
api::Result<const api::RegexParserScoringFnParams *> regexParams(const api::ScoringFnParams &params,
                                                                 const std::string &identifier);

std::shared_ptr<const ScoringFunctionImpl> equalityFunction();
std::shared_ptr<const ScoringFunctionImpl> subsetOfFunction();
std::shared_ptr<const ScoringFunctionImpl> multipleChoiceFunction();
std::shared_ptr<const ScoringFunctionImpl> mathResponseFunction();
std::shared_ptr<const ScoringFunctionImpl> docvqaFunction();

} // namespace wb::engine::basic
