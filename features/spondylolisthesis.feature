Feature: Spondylolisthesis
  A palpable step between the lumbar spinous processes is the examination finding with measured accuracy
  for a slip (weak evidence: 44 patients, poor agreement between examiners). Pain on extension, pain on
  sitting and hamstring tightness are described features, weighed from stated assumptions. In the young,
  spondylolysis and spondylolisthesis dominate back pain (the prior of the under-20 age band).

  Rule: A young gymnast with extension pain, a palpable step and tight hamstrings has a slip first

    @SPL-001 @SPL-003 @SPL-005 @NEU-005 @NEU-009 @NEU-013
    Scenario: A 15-year-old gymnast with back pain on extension, a palpable step and tight hamstrings
      Given a 15-year-old woman with back pain
      And she has pain on lumbar extension
      And she has palpable step between the lumbar spinous processes
      And she has marked hamstring tightness
      And there is no weakness in a myotome
      And there is no numbness in a dermatome
      And the reflexes are normal
      Then the triage is routine
      And spondylolisthesis is first in the differential
      And rule SPL-001 is part of the basis
      And rule SPL-003 is part of the basis
      And rule SPL-005 is part of the basis
      And rule NEU-005 is part of the basis
      And rule NEU-009 is part of the basis
      And rule NEU-013 is part of the basis

  Rule: In the young, spondylolysis is more frequent in boys than in girls

    @SPL-007 @SPL-008
    Scenario Outline: A <age (years)>-year-old <sex> with back pain
      Given a <age (years)>-year-old <sex> with back pain
      Then rule SPL-007 <if a boy> part of the basis
      And rule SPL-008 <if a girl> part of the basis

      Examples:
        | age (years) | sex   | if a boy | if a girl |
        | 15          | man   | is       | is not    |
        | 15          | woman | is not   | is        |
        | 20          | man   | is not   | is not    |
        | 20          | woman | is not   | is not    |

    @SPL-007 @SPL-008
    Scenario: A teenager whose sex was not recorded
      Given a 15-year-old with back pain
      And the patient's sex was not recorded
      Then rule SPL-007 is not part of the basis
      And rule SPL-008 is not part of the basis

    @SPL-007 @SPL-008
    Scenario: A boy whose age was not recorded
      Given a man whose age was not recorded
      Then rule SPL-007 is not part of the basis
      And rule SPL-008 is not part of the basis

    @SPL-007
    Scenario: A boy of 15: where it weighs
      Given a 15-year-old man with back pain
      Then rule SPL-007 is part of the basis
      And rule SPL-007 counts for spondylolisthesis

  Rule: A palpable step between lumbar spinous processes is found in over half of slips and few others.

    @SPL-001 @SPL-002
    Scenario Outline: Palpable step-off <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule SPL-001 <if present> part of the basis
      And rule SPL-002 <if absent> part of the basis

      Examples:
        | answer       | note                                                                | if present | if absent |
        | present      | she has palpable step between the lumbar spinous processes          | is         | is not    |
        | absent       | there is no palpable step between the lumbar spinous processes      | is not     | is        |
        | not examined | palpable step between the lumbar spinous processes was not examined | is not     | is not    |

    @SPL-001
    Scenario: She has palpable step between the lumbar spinous processes: where it weighs
      Given a 45-year-old woman with back pain
      And she has palpable step between the lumbar spinous processes
      Then rule SPL-001 is part of the basis
      And rule SPL-001 counts for spondylolisthesis

    @SPL-002
    Scenario: There is no palpable step between the lumbar spinous processes: where it weighs
      Given a 45-year-old woman with back pain
      And there is no palpable step between the lumbar spinous processes
      Then rule SPL-002 is part of the basis
      And rule SPL-002 counts against spondylolisthesis

  Rule: Pain on lumbar extension is a described feature of a slip or a pars defect, and of facet and stenotic pain.

    @SPL-003 @SPL-004
    Scenario Outline: Pain on extension <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule SPL-003 <if present> part of the basis
      And rule SPL-004 <if absent> part of the basis

      Examples:
        | answer       | note                                      | if present | if absent |
        | present      | she has pain on lumbar extension          | is         | is not    |
        | absent       | there is no pain on lumbar extension      | is not     | is        |
        | not examined | pain on lumbar extension was not examined | is not     | is not    |

    @SPL-003
    Scenario: She has pain on lumbar extension: where it weighs
      Given a 45-year-old woman with back pain
      And she has pain on lumbar extension
      Then rule SPL-003 is part of the basis
      And rule SPL-003 counts for spondylolisthesis
      And rule SPL-003 counts against cauda equina syndrome

    @SPL-004
    Scenario: There is no pain on lumbar extension: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pain on lumbar extension
      Then rule SPL-004 is part of the basis
      And rule SPL-004 counts against spondylolisthesis

  Rule: Marked hamstring tightness is a described feature of a slip, especially in the young.

    @SPL-005 @SPL-006
    Scenario Outline: Hamstring tightness <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule SPL-005 <if present> part of the basis
      And rule SPL-006 <if absent> part of the basis

      Examples:
        | answer       | note                                        | if present | if absent |
        | present      | she has marked hamstring tightness          | is         | is not    |
        | absent       | there is no marked hamstring tightness      | is not     | is        |
        | not examined | marked hamstring tightness was not examined | is not     | is not    |

    @SPL-005
    Scenario: She has marked hamstring tightness: where it weighs
      Given a 45-year-old woman with back pain
      And she has marked hamstring tightness
      Then rule SPL-005 is part of the basis
      And rule SPL-005 counts for spondylolisthesis

    @SPL-006
    Scenario: There is no marked hamstring tightness: where it weighs
      Given a 45-year-old woman with back pain
      And there is no marked hamstring tightness
      Then rule SPL-006 is part of the basis
      And rule SPL-006 counts against spondylolisthesis
