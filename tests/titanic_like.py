"""A messy Titanic-style passenger table of our own making, the same every time.

Columns as the well-known one has them: an id, the label ``Survived``, a class, a quoted
"Surname, Title. First" name (commas inside, one with a line break), ``Sex``, ``Age`` with
blanks, ``SibSp``, ``Parch``, a ticket that is text or a number, ``Fare``, ``Cabin`` mostly
blank and ``Embarked`` with a few blanks. Survival depends on sex, class and age, so a model
can beat the class balance.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HEADER = ("PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch",
          "Ticket", "Fare", "Cabin", "Embarked")
SURNAMES = ("Smith", "Brown", "Johnson", "O'Brien", "Andersson", "Sage", "Goodwin", "Panula",
            "Rice", "Skoog", "Asplund", "Fortune", "Carter", "Baclini", "Harper", "Kelly")
FIRST = {"male": ("John", "William", "Owen", "Karl", "Patrick", "Thomas"),
         "female": ("Mary", "Anna", "Elin", "Bridget", "Laina", "Margaret")}


def rows(n: int = 900, seed: int = 18) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        pclass = int(rng.choice([1, 2, 3], p=[0.24, 0.21, 0.55]))
        sex = str(rng.choice(["male", "female"], p=[0.65, 0.35]))
        age = float(np.clip(rng.normal({1: 38, 2: 30, 3: 25}[pclass], 13), 0.4, 80))
        logit = -1.0 + (2.6 if sex == "female" else 0.0) + {1: 1.2, 2: 0.4, 3: -0.7}[pclass] \
            + (1.2 if age < 12 else 0.0) - 0.01 * age
        survived = int(rng.random() < 1 / (1 + np.exp(-logit)))
        title = ("Master" if age < 12 else "Mr") if sex == "male" else (
            "Miss" if age < 25 else "Mrs")
        name = f"{rng.choice(SURNAMES)}, {title}. {rng.choice(FIRST[sex])}"
        if i == 7:
            name += "\n(née Nilsson)"  # a line break inside a quoted cell
        prefix = rng.choice(["A/5", "PC", "STON/O2.", "C.A."])
        ticket = (str(int(rng.integers(10000, 400000))) if rng.random() < 0.7
                  else f"{prefix} {rng.integers(100, 40000)}")
        fare = float(np.round(rng.lognormal({1: 4.2, 2: 3.0, 3: 2.3}[pclass], 0.5), 4))
        cabin = (f"{rng.choice(list('ABCDE'))}{rng.integers(1, 130)}"
                 if rng.random() < (0.75 if pclass == 1 else 0.05) else "")
        embarked = "" if i in (61, 829) else str(rng.choice(["S", "C", "Q"], p=[0.72, 0.19, 0.09]))
        out.append([str(i + 1), str(survived), str(pclass), name, sex,
                    "" if rng.random() < 0.2 else f"{age:.0f}", str(int(rng.poisson(0.5))),
                    str(int(rng.poisson(0.4))), ticket, f"{fare:g}", cabin, embarked])
    return out


def write_titanic_like(path: Path, n: int = 900, seed: int = 18) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(n, seed))
    return path
