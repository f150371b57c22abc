"""Domain-free numerics: arrays and dataclasses in, numbers out.

Scoring methods (`methods`), rank acceptability and tipping points (`acceptability`),
weight sampling (`sampling`), the exact stack search and its tipping points
(`stack_search`, `stack_tipping`), and AHP (`ahp`). Only the standard library and numpy;
nothing here knows what a platform or a business is.

The names of the scoring methods live here, free of numpy, so that the models and the
command line can name them without loading the numerics.
"""

from typing import Literal, get_args

MethodName = Literal["weighted_sum", "weighted_product", "topsis"]
METHODS: tuple[MethodName, ...] = get_args(MethodName)
