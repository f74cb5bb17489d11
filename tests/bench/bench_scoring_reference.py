#!/usr/bin/python3
"""The baseline of bench_scoring: upstream's basic scoring in plain Python (stdlib only).

score_row of basic::equality and basic::regex_parser_multiple_choice_answer and the accuracy
aggregation, written as llama-stack's inline::basic provider has them
(scoring_fn/equality_scoring_fn.py, regex_parser_scoring_fn.py with the multilingual default
regexes of fn_defs/regex_parser_multiple_choice_answer.py, utils/scoring/aggregation_utils.py),
minus the async wrapper around each row (which would only slow Python down).

Usage: bench_scoring_reference.py EQUALITY_JSONL MC_JSONL
Reads the rows (untimed), scores each file once, prints one JSON line:
  {"equality_seconds": s, "equality": {accuracy...}, "mc_seconds": s, "mc": {accuracy...}}
"""

import json
import re
import sys
import time

MULTILINGUAL_ANSWER_REGEXES = [
    r"The best answer is ",
    r"Answer\s*:",
    r"Answer\s*:",
    r"উত্তর\s*:",
    r"उत्तर\s*:",
    r"উত্তরঃ",
    r"উত্তর\s*:",
    r"Antwort\s*:",
    r"답변\s*:",
    r"정답\s*:",
    r"답\s*:",
    r"答案\s*：",
    r"答案\s*:",
    r"答\s*：",
    r"答\s*:",
    r"答复\s*：",
    r"答曰\s*：",
    r"الإجابة:",
    r"الجواب:",
    r"إجابة:",
    r"الإجابة النهائية:",
    r"الإجابة الصحيحة:",
    r"الإجابة الصحيحة هي:",
    r"الإجابة هي:",
    r"Respuesta\s*:",
    r"Risposta\s*:",
    r"答え\s*:",
    r"答え\s*：",
    r"回答\s*:",
    r"回答\s*：",
    r"解答\s*:",
    r"Jawaban\s*:",
    r"Réponse\s*:",
    r"Resposta\s*:",
    r"Jibu\s*:",
    r"Idahun\s*:",
    r"Ìdáhùn\s*:",
    r"Idáhùn\s*:",
    r"Àmọ̀nà\s*:",
    r"Àdáhùn\s*:",
    r"Ànúgọ\s*:",
    r"Àṣàyàn\s*:",
]
MULTILINGUAL_ANSWER_PATTERN_TEMPLATE = r"(?i){}\s*([A-D]|[أ-د]|[অ]|[ব]|[ড]|[ঢ]|[Ａ]|[Ｂ]|[Ｃ]|[Ｄ])"
PARSING_REGEXES = [MULTILINGUAL_ANSWER_PATTERN_TEMPLATE.format(x) for x in MULTILINGUAL_ANSWER_REGEXES]


def equality_score_row(input_row):
    assert "expected_answer" in input_row, "Expected answer not found in input row."
    assert "generated_answer" in input_row, "Generated answer not found in input row."
    expected_answer = input_row["expected_answer"]
    generated_answer = input_row["generated_answer"]
    score = 1.0 if expected_answer == generated_answer else 0.0
    return {"score": score}


def regex_parser_score_row(input_row, parsing_regexes=PARSING_REGEXES):
    expected_answer = input_row["expected_answer"]
    generated_answer = input_row["generated_answer"]
    parsed_answer = None
    for regex in parsing_regexes:
        match = re.search(regex, generated_answer)
        if match:
            parsed_answer = match.group(1)
            break
    score = 1.0 if parsed_answer and parsed_answer == expected_answer else 0.0
    return {"score": score}


def aggregate_accuracy(scoring_results):
    num_correct = sum(result["score"] for result in scoring_results)
    avg_score = num_correct / len(scoring_results)
    return {"accuracy": avg_score, "num_correct": num_correct, "num_total": len(scoring_results)}


def run(path, score_row):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    start = time.perf_counter()
    score_rows = [score_row(row) for row in rows]
    aggregated = {"accuracy": aggregate_accuracy(score_rows)}
    return time.perf_counter() - start, aggregated


def main():
    equality_seconds, equality = run(sys.argv[1], equality_score_row)
    mc_seconds, mc = run(sys.argv[2], regex_parser_score_row)
    print(json.dumps({"equality_seconds": equality_seconds, "equality": equality,
                      "mc_seconds": mc_seconds, "mc": mc}))


if __name__ == "__main__":
    main()
