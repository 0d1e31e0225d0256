Feature: Piriformis syndrome (deep gluteal syndrome)
  Piriformis syndrome is suggested by a positive FAIR test, deep buttock pain, tenderness over the
  sciatic notch and pain on sitting. The evidence is weak (small or circular studies), so likelihood
  ratios are applied no further than a factor of three, and described features are shown, not weighed.

  Rule: The typical picture puts piriformis syndrome first, with modest certainty

    @PIR-001 @PIR-004 @PIR-005 @PIR-006 @PIR-007
    Scenario: Buttock pain on sitting, a positive FAIR test and a negative straight-leg raise
      Given a 45-year-old woman with pain in one leg
      And she has deep buttock pain
      And she has tenderness over the sciatic notch
      And sitting makes the pain worse
      And the FAIR test is positive
      And the straight-leg-raise test is negative
      Then the triage is routine
      And piriformis syndrome is first in the differential
      And the probability of piriformis syndrome is below 40 %
      And rule PIR-001 is part of the basis
      And rule PIR-004 is part of the basis
      And rule PIR-005 is part of the basis
      And rule PIR-006 is part of the basis
      And rule PIR-007 is part of the basis

  Rule: A positive FAIR test makes piriformis syndrome more likely; a negative one, less likely

    Background:
      Given a 45-year-old woman with pain in one leg

    @PIR-001 @PIR-002
    Scenario: The FAIR test is positive
      Given the FAIR test is positive
      Then rule PIR-001 is part of the basis
      And rule PIR-001 counts for piriformis syndrome
      And rule PIR-002 is not part of the basis

    @PIR-001 @PIR-002
    Scenario: The FAIR test is negative
      Given the FAIR test is negative
      Then rule PIR-002 is part of the basis
      And rule PIR-002 counts against piriformis syndrome
      And rule PIR-001 is not part of the basis

    @PIR-001 @PIR-002
    Scenario: The FAIR test was not done
      Given the FAIR test was not done
      Then rule PIR-001 is not part of the basis
      And rule PIR-002 is not part of the basis

  Rule: A positive straight-leg raise is only noted for deep gluteal entrapment; a negative one barely changes its likelihood

    Background:
      Given a 45-year-old woman with pain in one leg

    @PIR-003 @PIR-004
    Scenario: The straight-leg-raise test is positive
      Given the straight-leg-raise test is positive
      Then rule PIR-003 is part of the basis
      And rule PIR-003 is listed for piriformis syndrome but not counted
      And rule PIR-004 is not part of the basis

    @PIR-003 @PIR-004
    Scenario: The straight-leg-raise test is negative
      Given the straight-leg-raise test is negative
      Then rule PIR-004 is part of the basis
      And rule PIR-004 counts against piriformis syndrome
      And rule PIR-003 is not part of the basis

    @PIR-003 @PIR-004
    Scenario: The straight-leg-raise test was not done
      Given the straight-leg-raise test was not done
      Then rule PIR-003 is not part of the basis
      And rule PIR-004 is not part of the basis

  Rule: Deep buttock pain is a described feature of piriformis syndrome, shown but not weighed

    Background:
      Given a 45-year-old woman with pain in one leg

    @PIR-005
    Scenario: Deep buttock pain
      Given she has deep buttock pain
      Then rule PIR-005 is part of the basis
      And rule PIR-005 is listed for piriformis syndrome but not counted
      And the probability of piriformis syndrome stays at its pre-test value

    @PIR-005
    Scenario: No deep buttock pain
      Given there is no deep buttock pain
      Then rule PIR-005 is not part of the basis

    @PIR-005
    Scenario: Buttock pain was not asked about
      Given deep buttock pain was not asked about
      Then rule PIR-005 is not part of the basis

  Rule: Tenderness over the sciatic notch is a described feature of piriformis syndrome, shown but not weighed

    Background:
      Given a 45-year-old woman with pain in one leg

    @PIR-006
    Scenario: The sciatic notch is tender
      Given she has tenderness over the sciatic notch
      Then rule PIR-006 is part of the basis
      And rule PIR-006 is listed for piriformis syndrome but not counted

    @PIR-006
    Scenario: The sciatic notch is not tender
      Given there is no tenderness over the sciatic notch
      Then rule PIR-006 is not part of the basis

    @PIR-006
    Scenario: The sciatic notch was not examined
      Given tenderness over the sciatic notch was not examined
      Then rule PIR-006 is not part of the basis

  Rule: Pain aggravated by sitting is a described feature of piriformis syndrome, shown but not weighed

    Background:
      Given a 45-year-old woman with pain in one leg

    @PIR-007
    Scenario: Sitting makes the pain worse
      Given sitting makes the pain worse
      Then rule PIR-007 is part of the basis
      And rule PIR-007 is listed for piriformis syndrome but not counted

    @PIR-007
    Scenario: Sitting does not make the pain worse
      Given sitting does not make the pain worse
      Then rule PIR-007 is not part of the basis

    @PIR-007
    Scenario: Whether sitting makes the pain worse was not asked
      Given whether sitting makes the pain worse was not asked
      Then rule PIR-007 is not part of the basis
