"""Triage against how the source managed each case: its ``red_flag_expected`` label.

``red_flag_expected`` is true when the reviewer (or the published source) treated the case as an emergency
or urgent, false when it was managed routinely, and absent when not known; cases without it are left out.
Red-flag sensitivity: cases treated as emergency or urgent that cdss triaged emergency or urgent. False
emergencies: cases managed routinely that cdss triaged emergency.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from cdss.batch.proportion import Proportion

TRIAGE_LEVELS = ("emergency", "urgent", "routine")
FLAGGED, ROUTINE = "emergency_or_urgent", "routine"
DEFINITION = (
    "Against red_flag_expected (the source treated the case as emergency or urgent, or managed it "
    "routinely). "
    "Sensitivity: cases the source treated as emergency or urgent that cdss triaged emergency or urgent. "
    "False emergencies: cases the source managed routinely that cdss triaged emergency."
)


class SourceTriage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    definition: str
    labelled: int = Field(description="Evaluated cases that carry red_flag_expected.")
    sensitivity: Proportion = Field(description="Source emergency or urgent -> triage emergency or urgent.")
    false_emergencies: Proportion = Field(description="Source routine -> triage emergency.")
    table: dict[str, dict[str, int]] = Field(
        description="Source handling (emergency_or_urgent, routine) -> cdss triage -> cases."
    )


class UrgencyTally:
    """Counts by (source handling, triage): bounded by six cells."""

    def __init__(self) -> None:
        self.cells: Counter[tuple[str, str]] = Counter()

    def add(self, red_flag_expected: bool | None, triage: str | None) -> None:
        if red_flag_expected is not None and triage is not None:
            self.cells[FLAGGED if red_flag_expected else ROUTINE, triage] += 1

    def merge(self, later: UrgencyTally) -> None:
        self.cells += later.cells

    def figures(self) -> SourceTriage | None:
        """Null when no evaluated case carries ``red_flag_expected``."""
        labelled = sum(self.cells.values())
        if not labelled:
            return None
        table = {
            source: {level: self.cells[source, level] for level in TRIAGE_LEVELS}
            for source in (FLAGGED, ROUTINE)
        }
        flagged, routine = table[FLAGGED], table[ROUTINE]
        return SourceTriage(
            definition=DEFINITION,
            labelled=labelled,
            sensitivity=Proportion.of(flagged["emergency"] + flagged["urgent"], sum(flagged.values())),
            false_emergencies=Proportion.of(routine["emergency"], sum(routine.values())),
            table=table,
        )
