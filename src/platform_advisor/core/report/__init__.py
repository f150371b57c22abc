"""The sections of the strategy around the rankings: the stack and its search, cost of
ownership, dependency, integration, the playbook (plans, roadmap, risks, guidance),
freshness of the data, and the robustness words."""
