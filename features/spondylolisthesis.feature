Feature: Spondylolisthesis
  Only palpation of a step between the lumbar spinous processes has measured accuracy for
  spondylolisthesis, and that evidence is weak (44 patients, poor agreement between examiners), so its weight
  is capped. Pain on sitting and hamstring tightness are described features, shown but not weighed.
  On clinical findings alone spondylolisthesis moves up the differential but does not reach the top.

  Rule: A palpable step makes spondylolisthesis more likely; no step, less likely

    Background:
      Given a 45-year-old woman with back pain

    @SPL-001 @SPL-002
    Scenario: A palpable step between the lumbar spinous processes
      Given there is a palpable step between the lumbar spinous processes
      Then rule SPL-001 is part of the basis
      And rule SPL-001 counts for spondylolisthesis
      And rule SPL-002 is not part of the basis
      And the probability of spondylolisthesis is above 8 %
      And the probability of spondylolisthesis is below 10 %
      And spondylolisthesis is not first in the differential

    @SPL-001 @SPL-002
    Scenario: No palpable step
      Given there is no palpable step between the lumbar spinous processes
      Then rule SPL-002 is part of the basis
      And rule SPL-002 counts against spondylolisthesis
      And rule SPL-001 is not part of the basis
      And the probability of spondylolisthesis is below 2 %

    @SPL-001 @SPL-002
    Scenario: The spinous processes were not palpated
      Given a palpable step between the lumbar spinous processes was not examined
      Then rule SPL-001 is not part of the basis
      And rule SPL-002 is not part of the basis
      And the probability of spondylolisthesis stays at its pre-test value

  Rule: Pain worse with sitting is common in spondylolisthesis, shown but not weighed

    Background:
      Given a 45-year-old woman with back pain

    @SPL-003
    Scenario: Sitting makes the pain worse
      Given sitting makes the pain worse
      Then rule SPL-003 is part of the basis
      And rule SPL-003 is listed for spondylolisthesis but not counted
      And the probability of spondylolisthesis stays at its pre-test value

    @SPL-003
    Scenario: Sitting does not make the pain worse
      Given sitting does not make the pain worse
      Then rule SPL-003 is not part of the basis

    @SPL-003
    Scenario: Whether sitting makes the pain worse was not asked
      Given whether sitting makes the pain worse was not asked
      Then rule SPL-003 is not part of the basis

  Rule: Marked hamstring tightness is described in spondylolisthesis, shown but not weighed

    Background:
      Given a 45-year-old woman with back pain

    @SPL-004
    Scenario: Marked hamstring tightness
      Given she has marked hamstring tightness
      Then rule SPL-004 is part of the basis
      And rule SPL-004 is listed for spondylolisthesis but not counted

    @SPL-004
    Scenario: No hamstring tightness
      Given there is no marked hamstring tightness
      Then rule SPL-004 is not part of the basis

    @SPL-004
    Scenario: Hamstring length was not examined
      Given marked hamstring tightness was not examined
      Then rule SPL-004 is not part of the basis
