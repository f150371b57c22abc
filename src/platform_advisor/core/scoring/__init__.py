"""Scoring: what each criterion measures, the weights, the needs, the hard constraints
and the costs, and the scores they add up to."""
