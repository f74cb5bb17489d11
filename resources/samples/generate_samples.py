#!/usr/bin/env python3
"""Regenerates the bundled sample datasets (one per dataset purpose). Written by the project; no
external data. Run from this folder: python3 generate_samples.py"""
import csv
import json
import random

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

# Rerank: a query, candidate passages and graded relevance labels aligned with them (2 = answers
# the query, 1 = on the topic, 0 = unrelated), for the rerank playground's batch mode (NDCG@k, MRR).
rerank = [
    ("How do bees make honey?", [
        ("Honey bees swallow flower nectar, break its sugars down with enzymes and fan it in the comb until most water evaporates.", 2),
        ("Bees live in colonies with one queen, thousands of workers and a few drones.", 1),
        ("Maple syrup is made by boiling down the sap of maple trees.", 0),
        ("A honey badger is a carnivorous mammal of Africa and Asia.", 0),
        ("Workers store the ripened nectar as honey in wax cells and cap them.", 2),
    ]),
    ("Why is the sky blue?", [
        ("Sunlight is scattered by air molecules, and shorter blue wavelengths scatter much more than red ones.", 2),
        ("The ocean looks blue partly because water absorbs red light.", 1),
        ("Blue whales are the largest animals known to have lived.", 0),
        ("At sunset light crosses more air, so the blue is scattered away and the sky turns red.", 1),
        ("Many national flags use blue to stand for the sea or the sky.", 0),
    ]),
    ("What causes the seasons on Earth?", [
        ("Earth's axis is tilted about 23.4 degrees, so each hemisphere gets more direct sunlight for part of the year.", 2),
        ("Earth's orbit is slightly elliptical, but the distance to the Sun changes the seasons very little.", 1),
        ("The four seasons is a set of violin concertos by Antonio Vivaldi.", 0),
        ("Tides are caused mainly by the gravity of the Moon.", 0),
    ]),
    ("How does a refrigerator keep food cold?", [
        ("A refrigerant absorbs heat inside the fridge as it evaporates and releases it outside as the compressor condenses it.", 2),
        ("Food keeps longer in the cold because bacteria grow slowly at low temperatures.", 1),
        ("Ice houses stored winter ice under straw to keep food cool in summer.", 1),
        ("An oven heats food with electric elements or gas burners.", 0),
    ]),
    ("Who painted the Mona Lisa?", [
        ("The Mona Lisa was painted by Leonardo da Vinci in the early sixteenth century.", 2),
        ("The painting hangs in the Louvre in Paris behind protective glass.", 1),
        ("Michelangelo painted the ceiling of the Sistine Chapel.", 0),
        ("Leonardo da Vinci also filled notebooks with designs for flying machines.", 1),
        ("Vincent van Gogh painted The Starry Night in 1889.", 0),
    ]),
    ("What is photosynthesis?", [
        ("Photosynthesis is the process by which plants use light to turn carbon dioxide and water into sugar and oxygen.", 2),
        ("Chlorophyll in the leaves absorbs mostly red and blue light.", 1),
        ("Photography records light on film or a digital sensor.", 0),
        ("Animals get their energy by eating plants or other animals.", 0),
    ]),
    ("How many bones are in the adult human body?", [
        ("An adult human skeleton usually has 206 bones.", 2),
        ("Babies are born with around 300 bones, some of which fuse as they grow.", 1),
        ("The femur in the thigh is the longest bone of the body.", 1),
        ("Sharks have skeletons made of cartilage instead of bone.", 0),
    ]),
    ("What does a compiler do?", [
        ("A compiler translates a program's source code into machine code before it runs.", 2),
        ("An interpreter runs source code directly, one statement at a time.", 1),
        ("A composer writes music for orchestras, films and games.", 0),
        ("Linkers combine the object files a compiler produces into one executable.", 1),
        ("Spreadsheets compute totals from columns of numbers.", 0),
    ]),
    ("When did humans first land on the Moon?", [
        ("Apollo 11 landed on the Moon on 20 July 1969, and Neil Armstrong stepped out a few hours later.", 2),
        ("The Moon orbits Earth about once every 27 days.", 0),
        ("Twelve astronauts walked on the Moon between 1969 and 1972.", 1),
        ("The first person in space was Yuri Gagarin, in 1961.", 1),
    ]),
    ("How do vaccines work?", [
        ("A vaccine shows the immune system a harmless piece or copy of a germ, so it learns to make antibodies against it.", 2),
        ("Memory cells let the body respond faster when it meets the real germ later.", 2),
        ("Vacuum cleaners suck up dust with an electric fan.", 0),
        ("Washing hands with soap removes many germs.", 0),
    ]),
]
# Written above answer-first for reading; shuffled (with fixed seed, so the file is stable) so the
# dataset's order does not favour a model that leaves ties in input order.
shuffler = random.Random(7)
with open("rerank-queries.jsonl", "w", encoding="utf-8") as f:
    for query, candidates in rerank:
        candidates = list(candidates)
        shuffler.shuffle(candidates)  # each passage keeps its label
        f.write(json.dumps({"query": query,
                            "candidates": [c for c, _ in candidates],
                            "relevance": [r for _, r in candidates]}, ensure_ascii=False) + "\n")
