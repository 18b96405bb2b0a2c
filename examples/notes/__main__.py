# `python -m examples.notes [--port N] [--storage btree|filedb|sqlite] [--data DIR]`
from .main import main

main()
