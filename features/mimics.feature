Feature: Mimics of radicular leg pain
  Arterial disease, hip osteoarthritis and degenerative disc or facet disease can all look like pain
  radiating from the back. Their own findings move them up or down the differential.

  Rule: Vascular claudication is suggested when standing still eases the leg pain of walking and the foot pulses are reduced

    @VAS-001 @VAS-003 @LSS-009
    Scenario: Leg pain on walking that eases on standing still, with reduced foot pulses
      Given a 68-year-old man with pain in one leg
      And standing still eases the leg pain of walking
      And the foot pulses are reduced
      And sitting does not ease the leg pain
      And leaning forward does not ease the pain
      Then vascular claudication is first in the differential
      And vascular claudication is ranked above spinal stenosis
      And rule VAS-001 is part of the basis
      And rule VAS-003 is part of the basis
      And rule LSS-009 is part of the basis

  Rule: Reduced or absent foot pulses make arterial disease more likely; normal pulses, less likely

    Background:
      Given a 68-year-old man with pain in both legs on walking

    @VAS-001 @VAS-002
    Scenario: The foot pulses are reduced
      Given the foot pulses are reduced
      Then rule VAS-001 is part of the basis
      And rule VAS-001 counts for vascular claudication
      And rule VAS-002 is not part of the basis

    @VAS-001 @VAS-002
    Scenario: The foot pulses are normal
      Given the foot pulses are normal
      Then rule VAS-002 is part of the basis
      And rule VAS-002 counts against vascular claudication
      And rule VAS-001 is not part of the basis

    @VAS-001 @VAS-002
    Scenario: The foot pulses were not checked
      Given the foot pulses were not checked
      Then rule VAS-001 is not part of the basis
      And rule VAS-002 is not part of the basis

  Rule: Leg pain on walking that eases on standing still, without sitting or bending, points to vascular claudication

    Background:
      Given a 68-year-old man with pain in both legs on walking

    @VAS-003
    Scenario: Standing still eases the leg pain of walking
      Given standing still eases the leg pain of walking
      Then rule VAS-003 is part of the basis
      And rule VAS-003 counts for vascular claudication

    @VAS-003
    Scenario: Standing still does not ease the leg pain of walking
      Given standing still does not ease the leg pain of walking
      Then rule VAS-003 is not part of the basis

    @VAS-003
    Scenario: Whether standing still eases the leg pain was not asked
      Given whether standing still eases the leg pain was not asked
      Then rule VAS-003 is not part of the basis

  Rule: Pain or restriction on hip internal rotation makes hip osteoarthritis more likely; a painless, free hip, less likely

    Background:
      Given a 68-year-old woman with pain in one leg

    @HIP-001 @HIP-002
    Scenario: Internal rotation of the hip is painful
      Given she has pain on internal rotation of the hip
      Then rule HIP-001 is part of the basis
      And rule HIP-001 counts for hip osteoarthritis
      And rule HIP-002 is not part of the basis

    @HIP-001 @HIP-002
    Scenario: Internal rotation of the hip is painless
      Given there is no pain on internal rotation of the hip
      Then rule HIP-002 is part of the basis
      And rule HIP-002 counts against hip osteoarthritis
      And rule HIP-001 is not part of the basis

    @HIP-001 @HIP-002
    Scenario: The hip was not examined
      Given pain on internal rotation of the hip was not examined
      Then rule HIP-001 is not part of the basis
      And rule HIP-002 is not part of the basis

  Rule: Age under 60 makes hip osteoarthritis much less likely

    @HIP-003
    Scenario Outline: A painful hip at <age (years)>
      Given a <age (years)>-year-old woman with pain in one leg
      And she has pain on internal rotation of the hip
      Then rule HIP-003 is part of the basis
      And rule HIP-003 counts against hip osteoarthritis

      Examples:
        | age (years) |
        | 59          |
        | 35          |

    @HIP-003
    Scenario Outline: A painful hip at <age (years)>, not under 60
      Given a <age (years)>-year-old woman with pain in one leg
      And she has pain on internal rotation of the hip
      Then rule HIP-003 is not part of the basis

      Examples:
        | age (years) |
        | 60          |
        | 75          |

    @HIP-003
    Scenario: A painful hip, age not recorded
      Given a woman whose age was not recorded
      And the pain is in one leg only
      And she has pain on internal rotation of the hip
      Then rule HIP-003 is not part of the basis

  Rule: Age over 65 makes facet joint pain slightly more likely

    @DDD-001
    Scenario Outline: Back pain at <age (years)>
      Given a <age (years)>-year-old man with back pain
      Then rule DDD-001 is part of the basis
      And rule DDD-001 counts for degenerative disc or facet disease

      Examples:
        | age (years) |
        | 66          |
        | 80          |

    @DDD-001
    Scenario Outline: Back pain at <age (years)>, not over 65
      Given a <age (years)>-year-old man with back pain
      Then rule DDD-001 is not part of the basis

      Examples:
        | age (years) |
        | 65          |
        | 50          |

    @DDD-001
    Scenario: Back pain, age not recorded
      Given a man whose age was not recorded
      Then rule DDD-001 is not part of the basis
