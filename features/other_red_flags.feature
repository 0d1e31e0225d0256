Feature: Red flags other than cauda equina: infection, tumour and fracture
  These red flags set the triage whatever the differential says: an emergency for fever with a motor
  deficit, urgent for fever, a history of cancer or significant trauma, and routine follow-up for
  unexplained weight loss or osteoporosis. They are evidence for their own conditions too, and a serious
  condition whose red flag fired is listed as not to be missed, with the reason, whatever its rank. The
  patient gets one recommendation: that of the most urgent red flag.

  Rule: A history of cancer with weight loss makes spinal tumour a condition not to be missed, with one recommendation

    @TUM-001 @TUM-002 @TUM-003 @TUM-004
    Scenario: A 62-year-old with a history of breast cancer, weight loss and new back and leg pain
      Given a 62-year-old woman with pain in one leg
      And she has a history of cancer
      And she has unexplained weight loss
      Then the triage is urgent
      And spinal tumour is listed as not to be missed
      And the recommendation is that of rule TUM-001
      And rule TUM-001 is part of the basis
      And rule TUM-002 is part of the basis
      And rule TUM-002 counts for spinal tumour
      And rule TUM-003 is part of the basis
      And rule TUM-004 is part of the basis

  Rule: Fever with a motor deficit is an emergency; fever with a sensory or reflex change alone is urgent

    Background:
      Given a 58-year-old man with pain in one leg
      And he has fever

    @INF-002 @NEU-001
    Scenario: Fever with weakness in a myotome
      Given he has weakness in a myotome
      Then the triage is emergency
      And the red flags include suspected spinal epidural abscess
      And spinal infection is listed as not to be missed
      And the recommendation is that of rule INF-002
      And rule INF-002 is part of the basis
      And rule NEU-001 is part of the basis

    @INF-002 @NEU-001
    Scenario: Fever with normal myotomal strength
      Given there is no weakness in a myotome
      Then the triage is urgent
      And spinal infection is listed as not to be missed
      And rule INF-002 is not part of the basis
      And rule NEU-001 is not part of the basis

    @INF-002 @NEU-001
    Scenario: Fever, strength not examined
      Given weakness in a myotome was not examined
      Then the triage is urgent
      And rule INF-002 is not part of the basis
      And rule NEU-001 is not part of the basis

    @INF-002 @NEU-001
    Scenario: Fever with numbness in a dermatome only
      Given he has numbness in a dermatome
      Then the triage is urgent
      And rule INF-002 is not part of the basis
      And rule NEU-001 is not part of the basis

    @INF-002 @NEU-001 @NEU-002
    Scenario: Fever with weakness that is getting worse
      Given he has leg weakness that is getting worse
      Then the triage is emergency
      And spinal infection is listed as not to be missed
      And rule INF-002 is part of the basis
      And rule NEU-001 is part of the basis
      And rule NEU-002 is part of the basis

  Rule: The emergency of an epidural abscess and the differential never contradict each other

    @INF-002 @INF-003 @INV-023
    Scenario: Fever, worsening weakness and an abscess on imaging
      Given a 58-year-old man with pain in one leg
      And he has fever
      And he has leg weakness that is getting worse
      And he has weakness in a myotome
      And he has infection on imaging
      Then the triage is emergency
      And spinal infection is listed as not to be missed
      And rule INF-002 is part of the basis
      And rule INF-003 is part of the basis
      And rule INF-003 counts for spinal infection
      And rule INV-023 is part of the basis
      And rule INV-023 counts for spinal infection

  Rule: Fever is frequent in spinal infection and uncommon in other back pain.

    @INF-003 @INF-004
    Scenario Outline: Fever <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INF-003 <if present> part of the basis
      And rule INF-004 <if absent> part of the basis

      Examples:
        | answer       | note                   | if present | if absent |
        | present      | she has fever          | is         | is not    |
        | absent       | there is no fever      | is not     | is        |
        | not examined | fever was not examined | is not     | is not    |

    @INF-003
    Scenario: She has fever: where it weighs
      Given a 45-year-old woman with back pain
      And she has fever
      Then rule INF-003 is part of the basis
      And rule INF-003 counts for spinal infection

    @INF-004
    Scenario: There is no fever: where it weighs
      Given a 45-year-old woman with back pain
      And there is no fever
      Then rule INF-004 is part of the basis
      And rule INF-004 counts against spinal infection

  Rule: Previous spinal surgery is a risk factor for spinal infection, and precedes some deep gluteal entrapment.

    @INF-005 @INF-006
    Scenario Outline: Previous spinal surgery <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INF-005 <if present> part of the basis
      And rule INF-006 <if absent> part of the basis

      Examples:
        | answer       | note                                           | if present | if absent |
        | present      | she has previous lumbar spine surgery          | is         | is not    |
        | absent       | there is no previous lumbar spine surgery      | is not     | is        |
        | not examined | previous lumbar spine surgery was not examined | is not     | is not    |

    @INF-005
    Scenario: She has previous lumbar spine surgery: where it weighs
      Given a 45-year-old woman with back pain
      And she has previous lumbar spine surgery
      Then rule INF-005 is part of the basis
      And rule INF-005 counts for spinal infection

    @INF-006
    Scenario: There is no previous lumbar spine surgery: where it weighs
      Given a 45-year-old woman with back pain
      And there is no previous lumbar spine surgery
      Then rule INF-006 is part of the basis

  Rule: A history of cancer makes a spinal malignancy about seven times as likely.

    @TUM-002
    Scenario Outline: History of cancer <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule TUM-002 <if present> part of the basis

      Examples:
        | answer       | note                               | if present |
        | present      | she has history of cancer          | is         |
        | absent       | there is no history of cancer      | is not     |
        | not examined | history of cancer was not examined | is not     |

    @TUM-002
    Scenario: She has history of cancer: where it weighs
      Given a 45-year-old woman with back pain
      And she has a history of cancer
      Then rule TUM-002 is part of the basis
      And rule TUM-002 counts for spinal tumour

  Rule: Unexplained weight loss is a warning sign of malignancy or infection.

    @TUM-004
    Scenario Outline: Weight loss <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule TUM-004 <if present> part of the basis

      Examples:
        | answer       | note                                     | if present |
        | present      | she has unexplained weight loss          | is         |
        | absent       | there is no unexplained weight loss      | is not     |
        | not examined | unexplained weight loss was not examined | is not     |

    @TUM-004
    Scenario: She has unexplained weight loss: where it weighs
      Given a 45-year-old woman with back pain
      And she has unexplained weight loss
      Then rule TUM-004 is part of the basis
      And rule TUM-004 counts for spinal tumour

  Rule: Pain at night or at rest, not eased by lying down, points to a tumour or an infection.

    @TUM-005 @TUM-006
    Scenario Outline: Night pain <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule TUM-005 <if present> part of the basis
      And rule TUM-006 <if absent> part of the basis

      Examples:
        | answer       | note                                      | if present | if absent |
        | present      | she has pain at night or at rest          | is         | is not    |
        | absent       | there is no pain at night or at rest      | is not     | is        |
        | not examined | pain at night or at rest was not examined | is not     | is not    |

    @TUM-005
    Scenario: She has pain at night or at rest: where it weighs
      Given a 45-year-old woman with back pain
      And she has pain at night or at rest
      Then rule TUM-005 is part of the basis
      And rule TUM-005 counts for spinal tumour

    @TUM-006
    Scenario: There is no pain at night or at rest: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pain at night or at rest
      Then rule TUM-006 is part of the basis
      And rule TUM-006 counts against spinal infection

  Rule: Significant trauma makes a vertebral fracture about six times as likely.

    @FRX-002
    Scenario Outline: Trauma <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule FRX-002 <if present> part of the basis

      Examples:
        | answer       | note                                                      | if present |
        | present      | she has significant trauma before the pain began          | is         |
        | absent       | there is no significant trauma before the pain began      | is not     |
        | not examined | significant trauma before the pain began was not examined | is not     |

    @FRX-002
    Scenario: She has significant trauma before the pain began: where it weighs
      Given a 45-year-old woman with back pain
      And she has significant trauma before the pain began
      Then rule FRX-002 is part of the basis
      And rule FRX-002 counts for vertebral fracture

  Rule: Known osteoporosis or long-term corticosteroids makes a vertebral fracture about twelve times as likely.

    @FRX-003
    Scenario Outline: Osteoporosis or long-term corticosteroids <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule FRX-003 <if present> part of the basis

      Examples:
        | answer       | note                                                          | if present |
        | present      | she has osteoporosis or long-term corticosteroid use          | is         |
        | absent       | there is no osteoporosis or long-term corticosteroid use      | is not     |
        | not examined | osteoporosis or long-term corticosteroid use was not examined | is not     |

    @FRX-003
    Scenario: She has osteoporosis or long-term corticosteroid use: where it weighs
      Given a 45-year-old woman with back pain
      And she has osteoporosis or long-term corticosteroid use
      Then rule FRX-003 is part of the basis
      And rule FRX-003 counts for vertebral fracture
      And rule FRX-003 counts against cauda equina syndrome

  Rule: Fever with back pain raises the possibility of spinal infection.

    @INF-001
    Scenario Outline: Fever <answer> (INF-001)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INF-001 <if present> part of the basis

      Examples:
        | answer       | note                   | if present |
        | present      | she has fever          | is         |
        | absent       | there is no fever      | is not     |
        | not examined | fever was not examined | is not     |

    @INF-001
    Scenario: She has fever: the red flag (INF-001)
      Given a 45-year-old woman with back pain
      And she has fever
      Then rule INF-001 is part of the basis
      And the red flags include Possible spinal infection
      And the triage is urgent

  Rule: A history of cancer with new back pain raises the possibility of spinal metastasis.

    @TUM-001
    Scenario Outline: History of cancer <answer> (TUM-001)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule TUM-001 <if present> part of the basis

      Examples:
        | answer       | note                               | if present |
        | present      | she has history of cancer          | is         |
        | absent       | there is no history of cancer      | is not     |
        | not examined | history of cancer was not examined | is not     |

    @TUM-001
    Scenario: She has history of cancer: the red flag (TUM-001)
      Given a 45-year-old woman with back pain
      And she has a history of cancer
      Then rule TUM-001 is part of the basis
      And the red flags include Possible spinal malignancy
      And the triage is urgent

  Rule: Unexplained weight loss is a warning sign of serious pathology.

    @TUM-003
    Scenario Outline: Weight loss <answer> (TUM-003)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule TUM-003 <if present> part of the basis

      Examples:
        | answer       | note                                     | if present |
        | present      | she has unexplained weight loss          | is         |
        | absent       | there is no unexplained weight loss      | is not     |
        | not examined | unexplained weight loss was not examined | is not     |

    @TUM-003
    Scenario: She has unexplained weight loss: the red flag (TUM-003)
      Given a 45-year-old woman with back pain
      And she has unexplained weight loss
      Then rule TUM-003 is part of the basis
      And the red flags include Unexplained weight loss
      And the triage is routine

  Rule: Significant trauma before the onset raises the possibility of a vertebral fracture.

    @FRX-001
    Scenario Outline: Trauma <answer> (FRX-001)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule FRX-001 <if present> part of the basis

      Examples:
        | answer       | note                                                      | if present |
        | present      | she has significant trauma before the pain began          | is         |
        | absent       | there is no significant trauma before the pain began      | is not     |
        | not examined | significant trauma before the pain began was not examined | is not     |

    @FRX-001
    Scenario: She has significant trauma before the pain began: the red flag (FRX-001)
      Given a 45-year-old woman with back pain
      And she has significant trauma before the pain began
      Then rule FRX-001 is part of the basis
      And the red flags include Possible vertebral fracture after trauma
      And the triage is urgent

  Rule: Osteoporosis or long-term corticosteroids is a risk factor for compression fracture.

    @FRX-004
    Scenario Outline: Osteoporosis or long-term corticosteroids <answer> (FRX-004)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule FRX-004 <if present> part of the basis

      Examples:
        | answer       | note                                                          | if present |
        | present      | she has osteoporosis or long-term corticosteroid use          | is         |
        | absent       | there is no osteoporosis or long-term corticosteroid use      | is not     |
        | not examined | osteoporosis or long-term corticosteroid use was not examined | is not     |

    @FRX-004
    Scenario: She has osteoporosis or long-term corticosteroid use: the red flag (FRX-004)
      Given a 45-year-old woman with back pain
      And she has osteoporosis or long-term corticosteroid use
      Then rule FRX-004 is part of the basis
      And the red flags include Risk of osteoporotic compression fracture
      And the triage is routine
