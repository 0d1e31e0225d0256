"""A share of cases with its Wilson 95% confidence interval, and how it is printed."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field


class Proportion(BaseModel):
    """count of total, with a Wilson 95% confidence interval; value and interval are null when total is 0."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int
    total: int
    value: float | None
    ci95: tuple[float, float] | None = Field(description="Wilson score interval, 95%.")

    @classmethod
    def of(cls, count: int, total: int) -> Proportion:
        if total == 0:
            return cls(count=count, total=total, value=None, ci95=None)
        z = 1.959964
        p = count / total
        denominator = 1 + z * z / total
        centre = (p + z * z / (2 * total)) / denominator
        half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
        low, high = max(0.0, centre - half), min(1.0, centre + half)
        return cls(count=count, total=total, value=round(p, 4), ci95=(round(low, 4), round(high, 4)))


def percent(share: Proportion) -> str:
    """``85.0% (34/40, 95% CI 70.9-92.9%)``, or ``n/a (0 cases)``."""
    if share.value is None or share.ci95 is None:
        return "n/a (0 cases)"
    low, high = share.ci95
    return f"{share.value:.1%} ({share.count}/{share.total}, 95% CI {low:.1%}-{high:.1%})"
