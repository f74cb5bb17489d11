#pragma once

// Internal: the syntax tree shared by the Jinja parser and evaluator (chat_template_jinja*.cpp).

#include "chat_template_jinja.h"

namespace wb::engine::jinja {

struct Expr
{
    enum Kind { Literal, Name, Attr, Index, Slice, Call, Filter, Test, Unary, Binary, Cond,
                ListLit, DictLit } kind = Literal;
    Value value;                          //!< Literal
    std::string name;                     //!< Name, Attr, Filter/Test name, operator
    std::vector<std::shared_ptr<Expr>> children; //!< operands; Slice: object, start, stop, step
    std::vector<std::string> kwNames;     //!< Call/Filter: names of the trailing keyword args
    bool negate = false;                  //!< Test: "is not"
    int line = 0;
};
using ExprPtr = std::shared_ptr<Expr>;

struct Node
{
    enum Kind { Text, Output, If, For, Set } kind = Text;
    std::string text;                     //!< Text
    ExprPtr expr;                         //!< Output, If condition, For iterable, Set value
    std::vector<std::string> targets;     //!< For loop variables; Set: name [, attribute]
    ExprPtr filter;                       //!< For ... if filter
    std::vector<std::shared_ptr<Node>> body, orElse;
    int line = 0;
};

std::vector<std::shared_ptr<Node>> parseTemplate(const std::string &source);

} // namespace wb::engine::jinja
