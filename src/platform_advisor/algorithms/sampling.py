"""What the robustness analysis is asked to do; kept free of numpy so the CLI and the
advice can name it without importing the numerics (`core.robustness`)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Samples drawn for rank acceptability; seeded, so a report is reproducible.
SAMPLES = 10_000
#: Log-normal spread of each weight around the profile's: σ of the log of its factor.
SPREAD = 0.3
SEED = 20261123


@dataclass(frozen=True)
class Sampling:
    """How weight vectors are drawn around the profile's weights."""

    samples: int = SAMPLES
    spread: float = SPREAD
    uniform: bool = False  # "no idea of the weights": uniform over every weighting
    seed: int = SEED


@dataclass(frozen=True)
class RobustnessRequest:
    """Rank acceptability and each function's tipping points; the stack's on request
    (each of its tipping points takes a series of exact stack searches)."""

    sampling: Sampling = field(default_factory=Sampling)
    stack: bool = False


#: What `advisor score` asks for unless told otherwise.
DEFAULT_ROBUSTNESS = RobustnessRequest()
