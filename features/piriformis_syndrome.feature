Feature: Piriformis syndrome (deep gluteal syndrome)
  Piriformis syndrome is suggested by deep buttock pain, tenderness over the sciatic notch, pain on
  sitting, a positive FAIR test and a negative straight-leg raise. The evidence is weak (small or
  circular studies, frequencies from case reports), so it is tempered, but never weighed at nothing.

  Rule: The typical picture puts piriformis syndrome first

    @PIR-001 @PIR-003 @PIR-005 @LSS-005 @LDH-002 @LDH-010
    Scenario: A 41-year-old with deep buttock pain on sitting, a positive FAIR test and a negative straight-leg raise
      Given a 41-year-old woman with pain in one leg
      And she has deep buttock pain
      And sitting makes the pain worse
      And she has tenderness over the sciatic notch
      And the FAIR test is positive
      And the straight-leg-raise test is negative
      And the leg pain is worse than the back pain
      Then the triage is routine
      And piriformis syndrome is first in the differential
      And piriformis syndrome is ranked above disc herniation
      And rule PIR-001 is part of the basis
      And rule PIR-003 is part of the basis
      And rule PIR-005 is part of the basis
      And rule LSS-005 is part of the basis
      And rule LDH-002 is part of the basis
      And rule LDH-002 counts for piriformis syndrome
      And rule LDH-002 counts against disc herniation
      And rule LDH-010 is part of the basis

  Rule: A positive FAIR test is found in most piriformis syndrome and in about one in six others.

    @PIR-001 @PIR-002
    Scenario Outline: FAIR test <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule PIR-001 <if present> part of the basis
      And rule PIR-002 <if absent> part of the basis

      Examples:
        | answer       | note                       | if present | if absent |
        | present      | the FAIR test is positive  | is         | is not    |
        | absent       | the FAIR test is negative  | is not     | is        |
        | not examined | the FAIR test was not done | is not     | is not    |

    @PIR-001
    Scenario: The FAIR test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the FAIR test is positive
      Then rule PIR-001 is part of the basis
      And rule PIR-001 counts for piriformis syndrome

    @PIR-002
    Scenario: The FAIR test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the FAIR test is negative
      Then rule PIR-002 is part of the basis
      And rule PIR-002 counts against piriformis syndrome

  Rule: Deep buttock pain is nearly universal in piriformis syndrome, frequent in disc herniation and common in other back and leg pain.

    @PIR-003 @PIR-004
    Scenario Outline: Deep buttock pain <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule PIR-003 <if present> part of the basis
      And rule PIR-004 <if absent> part of the basis

      Examples:
        | answer       | note                               | if present | if absent |
        | present      | she has deep buttock pain          | is         | is not    |
        | absent       | there is no deep buttock pain      | is not     | is        |
        | not examined | deep buttock pain was not examined | is not     | is not    |

    @PIR-003
    Scenario: She has deep buttock pain: where it weighs
      Given a 45-year-old woman with back pain
      And she has deep buttock pain
      Then rule PIR-003 is part of the basis
      And rule PIR-003 counts for piriformis syndrome

    @PIR-004
    Scenario: There is no deep buttock pain: where it weighs
      Given a 45-year-old woman with back pain
      And there is no deep buttock pain
      Then rule PIR-004 is part of the basis
      And rule PIR-004 counts against piriformis syndrome

  Rule: Tenderness over the greater sciatic notch is a cardinal feature of piriformis syndrome.

    @PIR-005 @PIR-006
    Scenario Outline: Sciatic notch tenderness <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule PIR-005 <if present> part of the basis
      And rule PIR-006 <if absent> part of the basis

      Examples:
        | answer       | note                                               | if present | if absent |
        | present      | she has tenderness over the sciatic notch          | is         | is not    |
        | absent       | there is no tenderness over the sciatic notch      | is not     | is        |
        | not examined | tenderness over the sciatic notch was not examined | is not     | is not    |

    @PIR-005
    Scenario: She has tenderness over the sciatic notch: where it weighs
      Given a 45-year-old woman with back pain
      And she has tenderness over the sciatic notch
      Then rule PIR-005 is part of the basis
      And rule PIR-005 counts for piriformis syndrome

    @PIR-006
    Scenario: There is no tenderness over the sciatic notch: where it weighs
      Given a 45-year-old woman with back pain
      And there is no tenderness over the sciatic notch
      Then rule PIR-006 is part of the basis
      And rule PIR-006 counts against piriformis syndrome
