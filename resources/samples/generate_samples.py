#!/usr/bin/env python3
"""Regenerates the bundled sample datasets (one per dataset purpose). Written by the project; no
external data. Run from this folder: python3 generate_samples.py"""
import csv
import json

capitals = [
    ("France", "Paris"), ("Japan", "Tokyo"), ("Canada", "Ottawa"), ("Australia", "Canberra"),
    ("Brazil", "Brasília"), ("Egypt", "Cairo"), ("Germany", "Berlin"), ("India", "New Delhi"),
    ("Kenya", "Nairobi"), ("Mexico", "Mexico City"), ("Norway", "Oslo"), ("Peru", "Lima"),
    ("Portugal", "Lisbon"), ("South Korea", "Seoul"), ("Spain", "Madrid"), ("Sweden", "Stockholm"),
    ("Switzerland", "Bern"), ("Thailand", "Bangkok"), ("Turkey", "Ankara"), ("Vietnam", "Hanoi"),
    ("Argentina", "Buenos Aires"), ("Chile", "Santiago"), ("China", "Beijing"), ("Finland", "Helsinki"),
    ("Greece", "Athens"), ("Ireland", "Dublin"), ("Italy", "Rome"), ("Morocco", "Rabat"),
    ("New Zealand", "Wellington"), ("Poland", "Warsaw"),
]
facts = [
    ("What is the chemical symbol for gold?", "Au"),
    ("How many legs does a spider have?", "8"),
    ("What planet is known as the Red Planet?", "Mars"),
    ("What is the largest ocean on Earth?", "Pacific Ocean"),
    ("What gas do plants absorb from the air for photosynthesis?", "Carbon dioxide"),
    ("How many minutes are in two hours?", "120"),
    ("What is the boiling point of water at sea level in degrees Celsius?", "100"),
    ("Which language has the most native speakers?", "Mandarin Chinese"),
    ("What is the smallest prime number?", "2"),
    ("Who wrote \"Pride and Prejudice\"?", "Jane Austen"),
]

with open("capitals-and-facts-qa.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["question", "answer"])
    for country, capital in capitals:
        w.writerow([f"What is the capital of {country}?", capital])
    for q, a in facts:
        w.writerow([q, a])

with open("arithmetic-messages-answer.jsonl", "w", encoding="utf-8") as f:
    for i in range(30):
        a, b = 7 + i * 3, 4 + (i * 5) % 17
        op = "+-*"[i % 3]
        result = {"+": a + b, "-": a - b, "*": a * b}[op]
        messages = [
            {"role": "system", "content": "Answer with the number only."},
            {"role": "user", "content": f"What is {a} {op} {b}?"},
        ]
        f.write(json.dumps({"messages": messages, "answer": str(result)}, ensure_ascii=False) + "\n")

dialogs = [
    ("How do I reverse a list in Python?", "Use `my_list.reverse()` to reverse in place, or `my_list[::-1]` for a reversed copy."),
    ("What does HTTP status 404 mean?", "The server could not find the requested resource."),
    ("Give me a synonym for 'happy'.", "Cheerful."),
    ("Translate 'good morning' into German.", "Guten Morgen."),
    ("What is a prime number?", "A whole number greater than 1 whose only divisors are 1 and itself."),
    ("How many bytes are in a kilobyte (KiB)?", "1024 bytes."),
    ("Summarise: The meeting moved from Monday to Wednesday at 3 pm.", "The meeting is now on Wednesday at 3 pm."),
    ("What is the opposite of 'ancient'?", "Modern."),
    ("Name a renewable energy source.", "Solar power."),
    ("How do I exit Vim?", "Press Esc, then type :q and Enter (or :wq to save first)."),
    ("What is 15% of 200?", "30."),
    ("Convert 5 kilometres to metres.", "5000 metres."),
    ("What is the plural of 'mouse'?", "Mice."),
    ("Which is heavier, a kilogram of feathers or a kilogram of steel?", "Neither: both weigh one kilogram."),
    ("Spell 'necessary' backwards.", "yrassecen"),
    ("What does CPU stand for?", "Central Processing Unit."),
    ("Suggest a name for a grey cat.", "Smokey."),
    ("Is 91 a prime number?", "No: 91 = 7 × 13."),
    ("What is the capital of Italy?", "Rome."),
    ("Write a haiku about rain.", "Soft rain on the roof\nthe garden drinks in silence\nclouds drift to the sea"),
]
with open("assistant-dialogs-messages.jsonl", "w", encoding="utf-8") as f:
    for q, a in dialogs:
        messages = [
            {"role": "system", "content": "You are a concise, helpful assistant."},
            {"role": "user", "content": q},
            {"role": "assistant", "content": a},
        ]
        f.write(json.dumps({"messages": messages}, ensure_ascii=False) + "\n")
