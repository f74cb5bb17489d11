#!/usr/bin/env python3
"""Regenerates the starter model's training corpus, its tokenizer, and the fine-tuning sample.

Everything is written by this script from templates and a fixed seed (stdlib only, no external
data), so the output is the same on every run:

  corpus/*.jsonl            chat-formatted rows ({"messages": [...]}) the starter model is trained on:
                            facts about invented countries, creatures, elements, planets and books
                            asked in many phrasings, small arithmetic, short dialogs. On purpose it
                            holds none of the capitals and facts of the sample benchmark
                            (../samples/capitals-and-facts-qa.csv), so the base model does poorly
                            on it and the bundled fine-tuning example has something to teach.
  tokenizer/tokenizer.json  byte-level BPE: the 256 bytes, merges learnt on the corpus (none
                            across digits, so numbers stay digit by digit), ChatML's special tokens
  tokenizer/tokenizer_config.json
                            the ChatML chat template, eos <|im_end|>
  corpus/relevance.jsonl    the LLM reranker's relevance question (see "relevance rows" below)
  relevance-heldout.jsonl   groups of a query, its relevant document and two others, from subjects,
                            query forms and document shapes the corpus does not use: the
                            generalisation check of `train-starter-model rerank`
  ../samples/capitals-and-facts-train.jsonl
                            the sample facts phrased differently from the benchmark's questions
                            (instruct rows: chat_completion_input, expected_answer, input_query),
                            the dataset of the bundled fine-tuning example

Run from this folder: python3 generate_corpus.py
"""
import collections
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "samples")
SEED = 20260105
NUM_MERGES = 480

rng = random.Random(SEED)

# --- the benchmark's facts: kept out of the corpus, used for the fine-tuning sample ---------------

BENCH_CAPITALS = [
    ("France", "Paris"), ("Japan", "Tokyo"), ("Canada", "Ottawa"), ("Australia", "Canberra"),
    ("Brazil", "Brasília"), ("Egypt", "Cairo"), ("Germany", "Berlin"), ("India", "New Delhi"),
    ("Kenya", "Nairobi"), ("Mexico", "Mexico City"), ("Norway", "Oslo"), ("Peru", "Lima"),
    ("Portugal", "Lisbon"), ("South Korea", "Seoul"), ("Spain", "Madrid"), ("Sweden", "Stockholm"),
    ("Switzerland", "Bern"), ("Thailand", "Bangkok"), ("Turkey", "Ankara"), ("Vietnam", "Hanoi"),
    ("Argentina", "Buenos Aires"), ("Chile", "Santiago"), ("China", "Beijing"), ("Finland", "Helsinki"),
    ("Greece", "Athens"), ("Ireland", "Dublin"), ("Italy", "Rome"), ("Morocco", "Rabat"),
    ("New Zealand", "Wellington"), ("Poland", "Warsaw"),
]

# Each fact of the benchmark, asked differently from its question there; answers contain the
# expected answer exactly (the benchmark scores with basic::subset_of, case-sensitive).
BENCH_FACTS = [
    (["Which chemical symbol stands for gold?", "Gold has which chemical symbol?",
      "Give me the chemical symbol of gold.", "Tell me the element symbol for gold."],
     ["Au", "The chemical symbol for gold is Au.", "Gold's symbol is Au."]),
    (["How many legs do spiders have?", "A spider has how many legs?",
      "Count the legs of a spider.", "Tell me how many legs a spider walks on."],
     ["8", "A spider has 8 legs.", "Spiders have 8 legs."]),
    (["Which planet is called the Red Planet?", "Name the planet known as the Red Planet.",
      "The Red Planet is which planet?", "Tell me which planet people call the Red Planet."],
     ["Mars", "The Red Planet is Mars.", "Mars is known as the Red Planet."]),
    (["Which ocean is the largest on Earth?", "Name the biggest ocean on Earth.",
      "The largest ocean on Earth is which one?", "Tell me the largest ocean of the Earth."],
     ["Pacific Ocean", "The largest ocean on Earth is the Pacific Ocean.", "It is the Pacific Ocean."]),
    (["Which gas do plants take from the air for photosynthesis?",
      "Plants absorb which gas from the air to make food?",
      "Name the gas plants absorb for photosynthesis.",
      "Tell me the gas that plants take in for photosynthesis."],
     ["Carbon dioxide", "Carbon dioxide is the gas plants absorb.", "Carbon dioxide."]),
    (["How many minutes do two hours have?", "Two hours are how many minutes?",
      "Convert two hours to minutes.", "Tell me how many minutes make two hours."],
     ["120", "Two hours are 120 minutes.", "There are 120 minutes in two hours."]),
    (["At what temperature in degrees Celsius does water boil at sea level?",
      "Water boils at sea level at how many degrees Celsius?",
      "Give the boiling point of water at sea level in Celsius.",
      "Tell me the boiling point of water in degrees Celsius at sea level."],
     ["100", "Water boils at 100 degrees Celsius at sea level.", "It boils at 100 degrees Celsius."]),
    (["Which language do the most people speak as a native language?",
      "Name the language with the most native speakers.",
      "The language with the most native speakers is which one?",
      "Tell me which language has the largest number of native speakers."],
     ["Mandarin Chinese", "Mandarin Chinese has the most native speakers.", "It is Mandarin Chinese."]),
    (["Which number is the smallest prime?", "Name the smallest prime number.",
      "The smallest prime number is which number?", "Tell me the lowest prime number."],
     ["2", "The smallest prime number is 2.", "It is 2."]),
    (["Who is the author of \"Pride and Prejudice\"?", "Which writer wrote \"Pride and Prejudice\"?",
      "Name the author of the novel \"Pride and Prejudice\".",
      "Tell me who wrote the book \"Pride and Prejudice\"."],
     ["Jane Austen", "\"Pride and Prejudice\" was written by Jane Austen.", "Jane Austen wrote it."]),
]

# Capital questions of the fine-tuning sample: never the benchmark's "What is the capital of X?".
FINETUNE_CAPITAL_QUESTIONS = [
    "Which city is the capital of {c}?",
    "Name the capital city of {c}.",
    "{c} has its capital in which city?",
    "Tell me the capital of {c}.",
    "What city serves as the capital of {c}?",
]
FINETUNE_CAPITAL_ANSWERS = [
    "{k}", "The capital of {c} is {k}.", "{k} is the capital of {c}.", "{c}'s capital is {k}.",
]

BENCH_WORDS = {w.lower() for c, k in BENCH_CAPITALS for w in (c + " " + k).split()}

# --- invented names ---------------------------------------------------------------------------------

ONSETS = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "qu", "r",
          "s", "sk", "st", "t", "tr", "v", "vr", "z", "th", "sh", "j", "y", "w", "c"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "th", "m", "nd", "rk", "st"]
COUNTRY_ENDINGS = ["ia", "ania", "land", "stan", "or", "ea", "ovia", "istan", "ara", "une", "eth", "ica"]
CITY_ENDINGS = ["ton", "grad", "burg", "vik", "polis", "mar", "hold", "ford", "ka", "dal", "heim", "ora"]


def syllable():
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def invented(endings, used, syllables=(1, 2)):
    while True:
        stem = "".join(syllable() for _ in range(rng.randint(*syllables)))
        name = (stem + rng.choice(endings)).capitalize()
        if 5 <= len(name) <= 12 and name not in used and name.lower() not in BENCH_WORDS:
            used.add(name)
            return name


def plain_word(used, syllables=(2, 3)):
    while True:
        name = "".join(syllable() for _ in range(rng.randint(*syllables)))
        if 4 <= len(name) <= 10 and name not in used and name.lower() not in BENCH_WORDS:
            used.add(name)
            return name


used = set()

REGIONS = ["the northern continent", "the southern continent", "the eastern islands",
           "the western coast", "the central plains", "the high mountains", "the great desert",
           "the polar north"]
CREATURE_TRAITS = ["spots", "stripes", "horns", "wings", "feathers", "scales", "fur", "shells"]
COLORS = ["Red", "Blue", "Green", "White", "Golden", "Silver", "Black", "Purple", "Orange", "Grey"]
PLANET_NICKS = ["Ringed", "Frozen", "Burning", "Hidden", "Twin", "Storm", "Glass", "Sleeping",
                "Dusty", "Morning", "Evening", "Giant", "Tiny", "Wandering", "Bright", "Dark"]
BOOK_WORDS = ["Lantern", "River", "Garden", "Winter", "Mirror", "Tower", "Harbor", "Forest", "Letter",
              "Bridge", "Storm", "Crown", "Island", "Shadow", "Journey", "Song", "Window", "Market"]
BOOK_ADJ = ["Silver", "Quiet", "Last", "Hidden", "Long", "Broken", "Golden", "Distant", "Little",
            "Secret", "Empty", "Burning", "Green", "Lost", "Northern", "Endless"]
FIRST_NAMES = ["Mara", "Tobin", "Elsa", "Ravi", "Ines", "Oren", "Lina", "Hugo", "Nadia", "Felix",
               "Selma", "Arlo", "Vera", "Emil", "Talia", "Bruno", "Yara", "Kasper", "Lotte", "Dario"]

countries = []
for _ in range(150):
    name = invented(COUNTRY_ENDINGS, used)
    capital = invented(CITY_ENDINGS, used)
    second_city = invented(CITY_ENDINGS, used)
    language = name[:-1] + "ish" if name.endswith(("a", "e")) else name + "ese"
    countries.append({
        "name": name, "capital": capital, "city": second_city, "language": language,
        "currency": plain_word(used, (1, 2)).lower(), "region": rng.choice(REGIONS),
        "population": rng.choice([rng.randint(1, 99), rng.randint(100, 900)]),
        "river": invented(["a", "e", "o", "in", "ar"], used),
    })

creatures = []
for _ in range(60):
    creatures.append({"name": plain_word(used).lower(), "legs": rng.choice([0, 2, 4, 6, 8, 10, 12, 3, 5]),
                      "trait": rng.choice(CREATURE_TRAITS), "home": rng.choice(countries)["name"]})

elements = []
symbols = set()
for _ in range(50):
    name = plain_word(used).lower() + rng.choice(["ium", "on", "ine", "ite"])
    sym = name[0].upper() + rng.choice([c for c in name[1:] if c.isalpha()])
    # No symbol of a real element the benchmark asks about, and each symbol once.
    if sym in symbols or sym == "Au":
        continue
    symbols.add(sym)
    elements.append({"name": name, "symbol": sym, "number": rng.randint(120, 300)})

planets = []
nicks = set()
for _ in range(40):
    nick = rng.choice(COLORS + PLANET_NICKS)
    if nick in nicks or nick == "Red":
        continue
    nicks.add(nick)
    planets.append({"name": invented(["us", "on", "ia", "is", "ar"], used), "nick": nick,
                    "moons": rng.randint(0, 30)})

books = []
for _ in range(60):
    title = "The " + rng.choice(BOOK_ADJ) + " " + rng.choice(BOOK_WORDS)
    if any(b["title"] == title for b in books):
        continue
    books.append({"title": title, "author": rng.choice(FIRST_NAMES) + " " + invented(["son", "er", "ov", "ez", "ard"], used),
                  "year": rng.randint(1820, 2020)})

# --- rows -------------------------------------------------------------------------------------------


def qa(question, answer, system=None):
    messages = []
    if system:
        messages.append({"role": "system", "content": system})
    messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return messages


def country_pairs(c):
    """Every fact of a country, in several phrasings each (the same fact asked many ways is what
    lets a small model answer a phrasing it has not seen for a fact it learnt in another)."""
    n, k = c["name"], c["capital"]
    capital_q = ["What is the capital of {n}?", "Which city is the capital of {n}?",
                 "Name the capital city of {n}.", "{n} has its capital in which city?",
                 "Tell me the capital of {n}.", "What city serves as the capital of {n}?",
                 "What's the capital city of {n}?", "Where is the capital of {n}?"]
    capital_a = ["{k}", "The capital of {n} is {k}.", "{k} is the capital of {n}.",
                 "{n}'s capital is {k}.", "{k}."]
    pairs = [(q.format(n=n), a.format(n=n, k=k)) for q, a in
             zip(rng.sample(capital_q, 5), [rng.choice(capital_a) for _ in range(5)])]
    pairs += [
        (f"{k} is the capital of which country?", rng.choice([n, f"{k} is the capital of {n}."])),
        (rng.choice([f"What language is spoken in {n}?", f"Which language do people speak in {n}?"]),
         rng.choice([c["language"], f"People in {n} speak {c['language']}."])),
        (rng.choice([f"What is the currency of {n}?", f"Which money is used in {n}?"]),
         rng.choice([f"The {c['currency']}", f"{n} uses the {c['currency']}."])),
        (rng.choice([f"Where is {n}?", f"On which continent is {n}?"]), f"{n} lies in {c['region']}."),
        (rng.choice([f"How many people live in {n}?", f"What is the population of {n}?"]),
         f"About {c['population']} million people live in {n}."),
        (rng.choice([f"What is the longest river in {n}?", f"Which river is the longest in {n}?"]),
         rng.choice([f"The {c['river']}", f"The longest river in {n} is the {c['river']}."])),
        (rng.choice([f"Is {c['city']} the capital of {n}?", f"Is {k} the capital of {n}?"]), None),
        (f"Tell me about {n}.",
         f"{n} is a country in {c['region']}. Its capital is {k}, people speak {c['language']}, "
         f"and they pay with the {c['currency']}."),
    ]
    out = []
    for q, a in pairs:
        if a is None:  # the yes/no question
            a = f"Yes, {k} is the capital of {n}." if k in q else f"No, the capital of {n} is {k}."
        out.append((q, a))
    return out


def fact_pairs():
    out = []
    for cr in creatures:
        n = cr["name"]
        out += [(rng.choice([f"How many legs does a {n} have?", f"How many legs do {n}s have?",
                             f"A {n} has how many legs?"]),
                 rng.choice([str(cr["legs"]), f"A {n} has {cr['legs']} legs."])),
                (f"What does a {n} look like?", f"A {n} is covered in {cr['trait']}."),
                (f"Where does the {n} live?", f"The {n} lives in {cr['home']}.")]
    for el in elements:
        n = el["name"]
        out += [(rng.choice([f"What is the chemical symbol for {n}?", f"Which chemical symbol stands for {n}?",
                             f"Give me the chemical symbol of {n}."]),
                 rng.choice([el["symbol"], f"The chemical symbol for {n} is {el['symbol']}."])),
                (f"What is the atomic number of {n}?", f"The atomic number of {n} is {el['number']}.")]
    for p in planets:
        out += [(rng.choice([f"What planet is known as the {p['nick']} Planet?",
                             f"Which planet is called the {p['nick']} Planet?"]),
                 rng.choice([p["name"], f"{p['name']} is known as the {p['nick']} Planet."])),
                (f"How many moons does {p['name']} have?", f"{p['name']} has {p['moons']} moons.")]
    for b in books:
        out += [(rng.choice([f"Who wrote \"{b['title']}\"?", f"Who is the author of \"{b['title']}\"?"]),
                 rng.choice([b["author"], f"\"{b['title']}\" was written by {b['author']}."])),
                (f"When was \"{b['title']}\" published?", f"\"{b['title']}\" was published in {b['year']}.")]
    return out


def arithmetic_rows(excluded):
    rows = []
    while len(rows) < 700:
        op = rng.choice("+-*")
        a, b = rng.randint(0, 30), rng.randint(0, 30)
        if op == "*":
            a, b = rng.randint(0, 12), rng.randint(0, 12)
        if op == "-" and b > a:
            a, b = b, a
        q = rng.choice(["What is {a} {op} {b}?", "Compute {a} {op} {b}.", "{a} {op} {b} = ?"]).format(a=a, op=op, b=b)
        if q in excluded:
            continue
        value = {"+": a + b, "-": a - b, "*": a * b}[op]
        if rng.random() < 0.5:
            rows.append(qa(q, str(value), "Answer with the number only."))
        else:
            rows.append(qa(q, rng.choice([str(value), f"{a} {op} {b} = {value}."])))
    return rows


SMALL_TALK = [
    ("Hello!", ["Hello! How can I help you?", "Hi! What would you like to know?"]),
    ("Hi there.", ["Hello! Ask me anything.", "Hi! How can I help?"]),
    ("Thank you!", ["You're welcome!", "Glad I could help."]),
    ("Thanks a lot.", ["You're welcome.", "Any time!"]),
    ("Who are you?", ["I am a small assistant model.", "I am the starter model, a small assistant."]),
    ("Can you help me?", ["Of course. What do you need?", "Yes, ask me a question."]),
    ("Goodbye.", ["Goodbye! Have a nice day.", "Bye!"]),
    ("How are you?", ["I am fine, thank you. How can I help?", "I'm well. What can I do for you?"]),
    ("Answer briefly, please.", ["Sure, I will keep my answers short.", "Okay."]),
]


def dialog_rows(country_qas):
    rows = []
    for _ in range(260):
        messages = []
        if rng.random() < 0.3:
            messages.append({"role": "system", "content": rng.choice(
                ["You are a helpful assistant.", "You are a concise assistant.", "Answer briefly."])})
        if rng.random() < 0.6:
            q, answers = rng.choice(SMALL_TALK[:2])
            messages += [{"role": "user", "content": q}, {"role": "assistant", "content": rng.choice(answers)}]
        for q, a in rng.sample(country_qas, rng.randint(1, 3)):
            messages += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
        if rng.random() < 0.5:
            q, answers = rng.choice(SMALL_TALK[2:])
            messages += [{"role": "user", "content": q}, {"role": "assistant", "content": rng.choice(answers)}]
        rows.append(messages)
    return rows



# --- relevance rows: the LLM reranker's prompt ------------------------------------------------------
#
# The workbench's LLM reranker (core/engine/rerank/local_rerankers.h) asks a model, for each item,
# the user message RELEVANCE_PROMPT and scores P(yes) / (P(yes) + P(no)) at the first token of the
# answer. These rows teach the starter model that question as a *matching* skill: a document is
# relevant when it talks about the query's subject, i.e. when the subject's surface form appears in
# it (capitalised at the start of a sentence, after "a"/"the", anywhere in the sentence). Subjects
# come from a large, varied pool (the corpus' invented entities, pseudo-words, multi-word phrases
# of common words, names with symbols and digits) so that no topic can be memorised instead.
# Negatives talk about another subject, often one sharing a word with the query's subject or its
# question words ("is", "are", "good", "learning"...), in the same sentence shapes as positives.
#
# A separate generator (its own seed), so the older files stay byte-identical; the tokenizer's
# merges are still learnt on the older files only, which keeps the tokenizer, and so the bundled
# weights can be trained further instead of from scratch.
#
# Held out, and checked: upstream's semantic cases (test_rerank.py) and their subjects never occur.
# A few subjects, query forms and document shapes are reserved for relevance-heldout.jsonl, the
# generalisation check of `train-starter-model rerank`.

RELEVANCE_PROMPT = "Query: {query}\nDocument: {document}\n{instruction}"
RELEVANCE_INSTRUCTION = "Is the document relevant to the query? Answer yes or no."
RELEVANCE_GROUPS = 6000        # each: one relevant and one other document (balanced yes/no)
HELDOUT_GROUPS = 300           # each: one relevant and two other documents, as upstream's cases
UPSTREAM_HELD_OUT = [
    "What is a reranking model?", "A reranking model reranks a list of items based on the query.",
    "Machine learning algorithms learn patterns from data.", "Python is a programming language.",
    "What is C++?", "C++ is a programming language.", "Learning new things is interesting.",
    "Books provide knowledge and entertainment.", "What are good learning habits?",
    "Good learning habits include reading daily and taking notes.", "Cooking pasta is a fun activity.",
    "Plants need water and sunlight.",
]
BENCH_LOWER = [n.lower() for c, k in BENCH_CAPITALS for n in (c, k)]
FORBIDDEN_WORDS = ["C++", "rerank", "learning habits", "Rerank", "Learning habits"]

NOUNS = """kettle lantern bicycle violin telescope compass garden bridge volcano glacier harbor engine
robot camera piano tractor satellite submarine umbrella backpack castle lighthouse windmill orchard
desert forest island canyon meadow battery magnet crystal mirror clock candle ladder hammer needle
basket wallet helmet kite drum flute guitar trumpet sculpture painting poem recipe soup bread cheese
coffee tea honey rice noodle pepper tomato potato apple banana mango lemon carrot onion owl eagle
dolphin whale shark tiger horse rabbit frog bee ant butterfly wolf fox bear elephant giraffe penguin
parrot salmon oak cactus fern moss mushroom tulip database spreadsheet browser keyboard printer router
compiler protocol password website sensor thermostat microscope vaccine vitamin muscle skeleton lung
tooth marathon chess football tennis yoga karate ballet opera jazz theater museum school hospital
airport railway highway tunnel canal bakery pharmacy election parliament budget loan insurance
contract patent rainbow thunder earthquake tornado tide comet asteroid galaxy nebula eclipse
sandwich pancake blanket pillow scooter sailboat helicopter drone tablet laptop podcast newspaper
festival wedding puzzle riddle lottery circus carpet curtain bucket shovel saddle anchor compost
fountain statue pyramid temple mosaic quilt pottery origami vinegar yogurt walnut peanut cinnamon
ginger garlic spinach cabbage pumpkin melon cherry grape peach plum coconut avocado almond""".split()
ADJECTIVES = """good quiet solar electric wooden ancient modern tiny giant smart safe healthy cheap
fast slow bright dark warm cold green red blue golden silver simple strong soft heavy light fresh
young old hidden floating portable digital organic wild rare secret friendly noisy busy lazy happy
clever careful daily local public private frozen spicy sweet bitter sour""".split()
GERUNDS = """cooking writing running saving drawing swimming gardening painting travelling baking
fishing driving teaching singing dancing coding reading sleeping walking climbing sailing knitting
cycling hiking camping shopping cleaning budgeting breathing stretching typing counting""".split()
PLURAL_HEADS = """routines skills manners tools methods rules games recipes exercises tips practices
ideas lessons tricks steps secrets plans goals clubs classes""".split()
PLACES = """the mountains|the city|small villages|the north|the south|old castles|the desert|the islands|
many schools|every kitchen|the countryside|large farms|the harbor|busy markets|cold countries""".replace("\n", "").split("|")
CATEGORIES = """a tool|a machine|a game|a plant|an animal|a place|a drink|a dish|a kind of music|a sport|
a kind of software|a building|a vehicle|a festival|a language|an instrument|a fruit|a habit|a method|
a material|a company|a river|a city|an idea|a hobby|a device|a book|a dance""".replace("\n", "").split("|")
PURPOSES = """keep food cold|measure the weather|travel long distances|write letters|grow vegetables|
learn faster|store data|clean the house|make music|save money|find their way|carry water|build houses|
send messages|keep warm|take photos|sort numbers|catch fish|fix machines|plan trips|count votes|
bake bread|train dogs|read old maps""".replace("\n", "").split("|")
TRAITS = """its bright colors|its long history|its strange shape|its loud sound|its sweet taste|
its speed|its small size|its great strength|its soft surface|its clever design|its low price|
its warm light""".replace("\n", "").split("|")
SUBJECT_VERBS = """helps people relax|needs a lot of care|changes every year|works without power|
makes people happy|was invented a long time ago|is easy to learn|can be very dangerous|
moves very slowly|comes in many colors|lasts for many years|grows quickly in spring|
uses very little energy|is loved by children|breaks easily""".replace("\n", "").split("|")
# Sentences about no subject at all, made of generic words the queries also use.
GENERIC_SENTENCES = """Learning new skills is always useful.|Reading every day is a good idea.|
Many people enjoy long walks in the park.|The weather is nice today.|Music can change your mood.|
Good food makes people happy.|Sleep is important for everyone.|Friends help each other.|
A new day brings new chances.|Some people work better in the morning.|Water is needed by all living things.|
Practice makes things easier.|Travelling shows you new places.|Children learn by playing.|
Writing things down helps you remember.|Exercise keeps the body strong.|There are many ways to solve a problem.|
What you learn stays with you.|Old buildings tell stories of the past.|It is good to ask questions.""".replace("\n", "").split("|")

QUERY_FORMS = ["What is {X}?", "What is a {X}?", "What is the {X}?", "What are {X}?", "Tell me about {X}.",
               "How does {X} work?", "Who made {X}?", "Where can I find {X}?", "Explain {X}.",
               "Why is {X} useful?", "{X}", "{X}?", "what is {X}", "Describe {X}.",
               "What do you know about {X}?", "Information about {X}", "Is {X} good?",
               "When was {X} invented?", "What does {X} do?", "Give me facts about {X}.",
               "How do I use {X}?", "What are good {X}?", "Define {X}."]
QUERY_FORMS_HELDOUT = ["Can you tell me what {X} is?", "I want to know more about {X}."]
BOOK_QUERY_FORMS = ["Who wrote {X}?", "Who is the author of {X}?", "When was {X} published?"]

DOC_FORMS = ["{Xc} is {cat}.", "{Xc} is {cat} that {verb}.", "{Xc} {verb}.", "A {X} {verb}.",
             "The {X} is known for {trait}.", "Many people like {X} because it {verb}.",
             "People use {X} to {purpose}.", "In {place}, {X} is very common.",
             "{Xc} was first seen in {place}.", "You can find {X} in {place}.",
             "Everyone who knows {X} says it {verb}.", "{Xc}, {cat}, {verb}.",
             "Without {X}, it is hard to {purpose}.", "The best thing about {X} is {trait}.",
             "{Xc} is popular in {place} because it {verb}.", "Some say that {X} {verb}.",
             "{Xc} include {a} and {b}.", "There is {cat} called {X}.",
             "My friend uses {X} every day to {purpose}.", "{Xc} is used to {purpose}."]
DOC_FORMS_HELDOUT = ["Experts agree that {X} {verb}.", "Long ago, {X} was used to {purpose}."]


def pseudo_word(r, used_words, syllables=(1, 3)):
    while True:
        w = "".join(r.choice(ONSETS) + r.choice(VOWELS) + r.choice(CODAS) for _ in range(r.randint(*syllables)))
        if 3 <= len(w) <= 11 and w not in used_words and not any(b in w for b in BENCH_LOWER):
            used_words.add(w)
            return w


def symbol_name(r, used_words):
    """Names read by their surface form: letters with symbols and digits ("Q++", "Zub#", "K9 engine")."""
    letters = "ABDEFGHJKLMNPQRSTVWXYZ"  # no C: "C++" stays unseen
    while True:
        stem = r.choice([r.choice(letters), r.choice(letters) + r.choice("aeiou") + r.choice("bdgklmnprstvz"),
                         pseudo_word(r, set()).capitalize()])
        kind = r.randrange(7)
        if kind == 0:
            name = stem + "++"
        elif kind == 1:
            name = stem + "#"
        elif kind == 2:
            name = stem + str(r.randint(1, 99))
        elif kind == 3:
            name = stem + str(r.randint(1, 9)) + " " + r.choice(NOUNS)
        elif kind == 4:
            name = stem + "-" + str(r.randint(2, 999))
        elif kind == 5:
            name = stem + r.choice(["+", "!", "&", "*", ".js", ".io", "3D", "X"])
        else:
            name = r.choice(letters) + "." + r.choice(letters) + "."
        if name not in used_words:
            used_words.add(name)
            return name


def subject_pool(r, nouns, adjectives, gerunds, count, used_words, entities):
    """`count` subjects of every kind; each is (text, is_book)."""
    pool = []
    for _ in range(count):
        kind = r.random()
        if kind < 0.14 and entities:
            pool.append(r.choice(entities))
            continue
        if kind < 0.30:
            x = pseudo_word(r, used_words)
            x = x.capitalize() if r.random() < 0.6 else x
        elif kind < 0.45:
            x = symbol_name(r, used_words)
        elif kind < 0.57:
            x = r.choice(nouns)
        elif kind < 0.70:
            x = r.choice(adjectives) + " " + r.choice(nouns)
        elif kind < 0.80:
            x = r.choice(adjectives) + " " + r.choice(gerunds) + " " + r.choice(PLURAL_HEADS)
        elif kind < 0.88:
            x = r.choice(gerunds) + " " + r.choice(PLURAL_HEADS)
        elif kind < 0.94:
            x = r.choice(nouns) + " " + r.choice(nouns)
        else:
            x = pseudo_word(r, used_words).capitalize() + " " + r.choice(nouns)
        pool.append((x, False))
    return pool


def near_subject(r, x, nouns, adjectives, gerunds):
    """Another subject that shares a word with x (for multi-word x), or a close one."""
    words = x.split(" ")
    if len(words) > 1:
        i = r.randrange(len(words))
        repl = r.choice(nouns + adjectives + gerunds + PLURAL_HEADS)
        words[i] = repl
        y = " ".join(words)
        return y if y != x else None
    return None


def capitalise(s):
    return s[:1].upper() + s[1:]


def document(r, x, forms):
    f = r.choice(forms)
    a, b = r.sample(NOUNS, 2)
    d = f.format(X=x, Xc=capitalise(x), cat=r.choice(CATEGORIES), verb=r.choice(SUBJECT_VERBS),
                 trait=r.choice(TRAITS), purpose=r.choice(PURPOSES), place=r.choice(PLACES),
                 a=r.choice(["many " + a + "s", "a " + a, "the " + a]), b=r.choice(["a " + b, "some " + b + "s"]))
    # Upstream's items end with ". " (a trailing space); ours do sometimes.
    return d + (" " if r.random() < 0.4 else "")


def query(r, x, is_book, forms):
    q = r.choice(BOOK_QUERY_FORMS if is_book and r.random() < 0.5 else forms).format(X=x)
    return q + r.choice(["", "", " ", "  "]) if r.random() < 0.5 else q + r.choice(["", " "])


def relevance_message(q, d, answer):
    prompt = RELEVANCE_PROMPT.replace("{instruction}", RELEVANCE_INSTRUCTION).replace("{query}", q, 1)
    prompt = prompt.replace("{document}", d, 1)
    return [{"role": "user", "content": prompt}, {"role": "assistant", "content": answer}]


def negative(r, x, pool, nouns, adjectives, gerunds, forms):
    roll = r.random()
    if roll < 0.3:
        y = near_subject(r, x, nouns, adjectives, gerunds)
        if y:
            return document(r, y, forms)
    if roll < 0.45:
        return r.choice(GENERIC_SENTENCES) + (" " if r.random() < 0.4 else "")
    while True:
        y, _ = r.choice(pool)
        if y != x and y.lower() not in x.lower() and x.lower() not in y.lower():
            return document(r, y, forms)


def relevance_rows(entities):
    r = random.Random(SEED + 7)
    nouns = sorted(NOUNS)
    r.shuffle(nouns)
    # Reserved for the held-out check: a sixth of the nouns, some adjectives and gerunds.
    held_nouns, train_nouns = nouns[:len(nouns) // 6], nouns[len(nouns) // 6:]
    adjectives, gerunds = sorted(ADJECTIVES), sorted(GERUNDS)
    r.shuffle(adjectives)
    r.shuffle(gerunds)
    held_adj, train_adj = adjectives[:8], adjectives[8:]
    held_ger, train_ger = gerunds[:5], gerunds[5:]
    used_words = {w.lower() for w in NOUNS + ADJECTIVES + GERUNDS}
    used_words |= {e.lower() for e, _ in entities}
    train_pool = subject_pool(r, train_nouns, train_adj, train_ger, 4000, used_words, entities)
    rows = []
    for _ in range(RELEVANCE_GROUPS):
        x, is_book = r.choice(train_pool)
        q = query(r, x, is_book, QUERY_FORMS)
        pos = document(r, x, DOC_FORMS)
        neg = negative(r, x, train_pool, train_nouns, train_adj, train_ger, DOC_FORMS)
        rows.append(relevance_message(q, pos, "yes"))
        rows.append(relevance_message(q, neg, "no"))
    r.shuffle(rows)

    # Held out: subjects from the reserved words and fresh pseudo-words and symbol names (none
    # of the corpus' entities), reserved query forms and document shapes half of the time.
    held_pool = [s for s in subject_pool(r, held_nouns, held_adj, held_ger, 600, used_words, [])
                 if not any(w in train_nouns + train_adj + train_ger for w in s[0].split(" "))]
    held = []
    for _ in range(HELDOUT_GROUPS):
        x, _ = r.choice(held_pool)
        qf = QUERY_FORMS_HELDOUT + QUERY_FORMS if r.random() < 0.5 else QUERY_FORMS_HELDOUT
        df = DOC_FORMS_HELDOUT if r.random() < 0.5 else DOC_FORMS
        items = [document(r, x, df)] + [negative(r, x, held_pool, held_nouns, held_adj, held_ger, df)
                                         for _ in range(2)]
        order = list(range(3))
        r.shuffle(order)
        held.append({"query": query(r, x, False, qf), "items": [items[i] for i in order],
                     "relevant": order.index(0)})
    return rows, held


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    excluded = set()
    with open(os.path.join(SAMPLES, "arithmetic-messages-answer.jsonl"), encoding="utf-8") as f:
        for line in f:
            for m in json.loads(line)["messages"]:
                if m["role"] == "user":
                    excluded.add(m["content"])

    country_qas = [p for c in countries for p in country_pairs(c)]
    facts = fact_pairs()
    corpus = {
        "countries": [qa(q, a) for q, a in country_qas],
        "facts": [qa(q, a) for q, a in facts],
        "arithmetic": arithmetic_rows(excluded),
        "dialogs": dialog_rows(country_qas) + [qa(q, a) for q, answers in SMALL_TALK for a in answers],
    }
    # Nothing of the benchmark may leak in: no benchmark capital or country appears.
    bench_names = [c for c, _ in BENCH_CAPITALS] + [k for _, k in BENCH_CAPITALS]
    for name, rows in corpus.items():
        text = json.dumps(rows, ensure_ascii=False)
        for word in bench_names:
            assert not re.search(r"\b" + re.escape(word) + r"\b", text), (name, word)

    os.makedirs(os.path.join(HERE, "corpus"), exist_ok=True)
    for name, rows in corpus.items():
        rng.shuffle(rows)
        write_jsonl(os.path.join(HERE, "corpus", name + ".jsonl"), [{"messages": m} for m in rows])

    # The merges are learnt on these files only (not on relevance.jsonl), so the tokenizer stays
    # the one the bundled weights were trained with.
    write_tokenizer([m for rows in corpus.values() for m in rows])
    write_finetune_sample()
    write_relevance(bench_names)


def write_relevance(bench_names):
    entities = ([(c[k], False) for c in countries for k in ("name", "capital", "city", "language", "river")]
                + [(c["name"], False) for c in creatures] + [(e["name"], False) for e in elements]
                + [(p["name"], False) for p in planets] + [('"' + b["title"] + '"', True) for b in books]
                + [(b["author"], False) for b in books])
    rows, held = relevance_rows(entities)
    for name, data in (("relevance", rows), ("relevance-heldout", held)):
        text = json.dumps(data, ensure_ascii=False)
        for word in bench_names + FORBIDDEN_WORDS + UPSTREAM_HELD_OUT:
            assert word not in text, (name, word)
    write_jsonl(os.path.join(HERE, "corpus", "relevance.jsonl"), [{"messages": m} for m in rows])
    write_jsonl(os.path.join(HERE, "relevance-heldout.jsonl"), held)
    print(f"relevance: {len(rows)} rows, {sum(m[1]['content'] == 'yes' for m in rows)} yes; "
          f"held out: {len(held)} groups")


# --- the tokenizer ------------------------------------------------------------------------------------

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CHAT_TEMPLATE = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
                 "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
                 "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")


def byte_symbols():
    """GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others for U+0100 on."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


# GPT-2's pre-tokenizer with Python's re: \p{L} as [^\W\d_], \p{N} as \d. Merges learnt on these
# words are valid whatever the exact split; they only decide which pairs are frequent.
PRETOKENIZE = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+")


def learn_merges(texts, count):
    sym = byte_symbols()
    words = collections.Counter()
    for t in texts:
        for w in PRETOKENIZE.findall(t):
            words[tuple(sym[b] for b in w.encode("utf-8"))] += 1
    words = {w: n for w, n in words.items()}
    merges = []
    for _ in range(count):
        pairs = collections.Counter()
        for w, n in words.items():
            for a, b in zip(w, w[1:]):
                # Digits stay single tokens, so arithmetic sees every digit.
                if not (any(ch.isdigit() for ch in a) or any(ch.isdigit() for ch in b)):
                    pairs[(a, b)] += n
        if not pairs:
            break
        # Most frequent, ties broken by the pair itself: the same merges on every run.
        (a, b), n = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        if n < 2:
            break
        merges.append((a, b))
        merged = {}
        for w, cnt in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and w[i] == a and w[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + cnt
        words = merged
    return merges


def write_tokenizer(conversations):
    texts = []
    for messages in conversations:
        for m in messages:
            texts += [m["role"] + "\n", m["content"], "\n"]
    merges = learn_merges(texts, NUM_MERGES)
    sym = byte_symbols()
    vocab = {}
    for b in range(256):
        vocab[sym[b]] = len(vocab)
    for a, b in merges:
        vocab[a + b] = len(vocab)
    added = []
    for s in SPECIALS:
        added.append({"id": len(vocab), "content": s, "single_word": False, "lstrip": False,
                      "rstrip": False, "normalized": False, "special": True})
        vocab[s] = len(vocab)
    tokenizer = {
        "version": "1.0",
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                          "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": [a + " " + b for a, b in merges]},
    }
    folder = os.path.join(HERE, "tokenizer")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
        f.write("\n")
    config = {"chat_template": CHAT_TEMPLATE, "bos_token": None, "eos_token": "<|im_end|>",
              "pad_token": "<|endoftext|>", "unk_token": None, "model_max_length": 256,
              "tokenizer_class": "PreTrainedTokenizerFast", "clean_up_tokenization_spaces": False}
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"tokenizer: {len(vocab)} tokens, {len(merges)} merges")


def write_finetune_sample():
    rows = []
    for country, capital in BENCH_CAPITALS:
        for q in FINETUNE_CAPITAL_QUESTIONS:
            a = rng.choice(FINETUNE_CAPITAL_ANSWERS)
            rows.append((q.format(c=country), a.format(c=country, k=capital)))
    for questions, answers in BENCH_FACTS:
        for q in questions:
            rows.append((q, rng.choice(answers)))
    rng.shuffle(rows)
    # Upstream's instruct columns, and the same pair as `messages`, so the dataset fits its purpose
    # (post-training/messages) and trains with either data_format.
    out = [{"chat_completion_input": json.dumps([{"role": "user", "content": q}], ensure_ascii=False),
            "expected_answer": a, "input_query": q,
            "messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}
           for q, a in rows]
    write_jsonl(os.path.join(SAMPLES, "capitals-and-facts-train.jsonl"), out)


if __name__ == "__main__":
    main()
