"""The guided lesson: its steps as data (steps.json), read and checked, and the state
predicates that say when a step's task is done."""
