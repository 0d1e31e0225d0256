Feature: Red flags other than cauda equina: progressive weakness, infection, tumour and fracture
  These red flags set the triage whatever the differential says: an emergency for progressive weakness
  and for fever with a neurological deficit, urgent for fever, a history of cancer or significant
  trauma, and routine follow-up for unexplained weight loss or osteoporosis. Unlike cauda equina, they
  do not reorder the differential: the most likely condition stays first.

  Rule: Each of these red flags on its own sets the triage

    @NEU-002 @INF-001 @TUM-001 @TUM-003 @FRX-001 @FRX-004
    Scenario Outline: Back pain with <red flag>
      Given a 50-year-old man with back pain
      And <finding>
      Then the triage is <triage>
      And the red flags include <red flag>
      And rule <red flag rule> is part of the basis
      And cauda equina syndrome is not first in the differential

      Examples:
        | finding                                             | red flag                                  | triage    | red flag rule |
        | he has leg weakness that is getting worse           | progressive motor deficit                 | emergency | NEU-002       |
        | he has a fever                                      | possible spinal infection                 | urgent    | INF-001       |
        | he has a history of cancer                          | possible spinal malignancy                | urgent    | TUM-001       |
        | there was significant trauma before the pain began  | possible vertebral fracture after trauma  | urgent    | FRX-001       |
        | he has unexplained weight loss                      | unexplained weight loss                   | routine   | TUM-003       |
        | he has osteoporosis or long-term corticosteroid use | risk of osteoporotic compression fracture | routine   | FRX-004       |

    @NEU-002 @INF-001 @TUM-001 @TUM-003 @FRX-001 @FRX-004
    Scenario Outline: Back pain, and <finding>
      Given a 50-year-old man with back pain
      And <finding>
      Then the triage is routine
      And there are no red flags
      And rule <red flag rule> is not part of the basis

      Examples:
        | finding                                               | red flag rule |
        | there is no leg weakness that is getting worse        | NEU-002       |
        | there is no fever                                     | INF-001       |
        | there is no history of cancer                         | TUM-001       |
        | there was no significant trauma before the pain began | FRX-001       |
        | there is no unexplained weight loss                   | TUM-003       |
        | there is no osteoporosis or long-term corticosteroid use | FRX-004    |

    @NEU-002 @INF-001 @TUM-001 @TUM-003 @FRX-001 @FRX-004
    Scenario Outline: Back pain, but <finding>
      Given a 50-year-old man with back pain
      And <finding>
      Then the triage is routine
      And rule <red flag rule> is not part of the basis

      Examples:
        | finding                                                   | red flag rule |
        | leg weakness that is getting worse was not checked        | NEU-002       |
        | fever was not checked                                     | INF-001       |
        | a history of cancer was not asked about                   | TUM-001       |
        | significant trauma before the pain began was not asked about | FRX-001    |
        | unexplained weight loss was not asked about               | TUM-003       |
        | osteoporosis or long-term corticosteroid use was not asked about | FRX-004 |

  Rule: A red flag sets the triage even with strong evidence for spinal stenosis, which stays first

    Background:
      Given a 72-year-old woman with pain in both legs on walking that eases when sitting
      And leaning forward eases the pain

    @INF-001 @TUM-001 @TUM-003 @FRX-001 @FRX-004
    Scenario Outline: The patient with spinal stenosis and <red flag>
      Given <finding>
      Then the triage is <triage>
      And the red flags include <red flag>
      And rule <red flag rule> is part of the basis
      And spinal stenosis is first in the differential

      Examples:
        | finding                                              | red flag                                  | triage  | red flag rule |
        | she has a fever                                      | possible spinal infection                 | urgent  | INF-001       |
        | she has a history of cancer                          | possible spinal malignancy                | urgent  | TUM-001       |
        | there was significant trauma before the pain began   | possible vertebral fracture after trauma  | urgent  | FRX-001       |
        | she has unexplained weight loss                      | unexplained weight loss                   | routine | TUM-003       |
        | she has osteoporosis or long-term corticosteroid use | risk of osteoporotic compression fracture | routine | FRX-004       |

    @INF-002
    Scenario: The patient with spinal stenosis, a fever and numbness in a dermatome
      Given she has a fever
      And she has numbness in a dermatome
      Then the triage is emergency
      And the red flags include suspected spinal epidural abscess
      And rule INF-002 is part of the basis
      And spinal stenosis is first in the differential

  Rule: Progressive weakness sets an emergency triage even with strong evidence for disc herniation, which stays first

    Background:
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is positive
      And the crossed straight-leg-raise test is positive
      And the leg pain is worse than the back pain

    @NEU-002
    Scenario: The patient with disc herniation and leg weakness that is getting worse
      Given he has leg weakness that is getting worse
      Then the triage is emergency
      And the red flags include progressive motor deficit
      And rule NEU-002 is part of the basis
      And disc herniation is first in the differential

    @NEU-002
    Scenario: The patient with disc herniation whose weakness is not getting worse
      Given there is no leg weakness that is getting worse
      Then the triage is routine
      And rule NEU-002 is not part of the basis
      And disc herniation is first in the differential

  Rule: Numbness in a dermatome, weakness in a myotome, a reduced or absent reflex, or worsening weakness is a neurological deficit

    Background:
      Given a 50-year-old woman with sciatica down one leg

    @NEU-001
    Scenario Outline: Sciatica, and <finding>
      Given <finding>
      Then rule NEU-001 is part of the basis

      Examples:
        | finding                                    |
        | she has numbness in a dermatome            |
        | she has weakness in a myotome              |
        | the ankle reflex is reduced                |
        | the knee reflex is reduced                 |
        | both ankle reflexes are absent             |
        | she has leg weakness that is getting worse |

    @NEU-001
    Scenario Outline: Sciatica, and <finding>, which is no deficit
      Given <finding>
      Then rule NEU-001 is not part of the basis

      Examples:
        | finding                            |
        | there is no numbness in a dermatome |
        | the reflexes are normal            |
        | the reflexes are brisk             |

    @NEU-001
    Scenario: Sciatica, the neurological examination not done
      Given numbness in a dermatome was not examined
      And weakness in a myotome was not examined
      And the reflexes were not examined
      Then rule NEU-001 is not part of the basis

  Rule: Fever with back pain raises the possibility of spinal infection; fever is common in it, but not weighed

    Background:
      Given a 50-year-old man with back pain

    @INF-001 @INF-004
    Scenario: A fever
      Given he has a fever
      Then the triage is urgent
      And rule INF-001 is part of the basis
      And rule INF-004 is part of the basis
      And rule INF-004 is listed for spinal infection but not counted

    @INF-001 @INF-004
    Scenario: No fever
      Given there is no fever
      Then rule INF-001 is not part of the basis
      And rule INF-004 is not part of the basis

    @INF-001 @INF-004
    Scenario: The temperature was not checked
      Given fever was not checked
      Then rule INF-001 is not part of the basis
      And rule INF-004 is not part of the basis

  Rule: Fever with a neurological deficit is the picture of a spinal epidural abscess, an emergency

    Background:
      Given a 50-year-old man with back pain
      And he has a fever

    @INF-002 @INF-003
    Scenario: Fever and numbness in a dermatome
      Given he has numbness in a dermatome
      Then the triage is emergency
      And the red flags include suspected spinal epidural abscess
      And the red flags include possible spinal infection
      And rule INF-002 is part of the basis
      And rule INF-003 is part of the basis
      And rule INF-003 counts for spinal infection

    @INF-002 @INF-003
    Scenario: Fever and normal sensation
      Given there is no numbness in a dermatome
      Then the triage is urgent
      And rule INF-002 is not part of the basis
      And rule INF-003 is not part of the basis

    @INF-002 @INF-003
    Scenario: Fever, sensation not examined
      Given numbness in a dermatome was not examined
      Then the triage is urgent
      And rule INF-002 is not part of the basis
      And rule INF-003 is not part of the basis

  Rule: In primary care, about one in twenty patients with back pain and a history of cancer has a spinal malignancy

    Background:
      Given a 60-year-old woman with back pain

    @TUM-001 @TUM-002
    Scenario: A history of cancer
      Given she has a history of cancer
      Then the triage is urgent
      And rule TUM-001 is part of the basis
      And rule TUM-002 is part of the basis
      And rule TUM-002 counts for spinal tumour
      And the probability of spinal tumour is above 4 %

    @TUM-002
    Scenario: No history of cancer
      Given there is no history of cancer
      Then rule TUM-002 is not part of the basis
      And the probability of spinal tumour is below 1 %

    @TUM-002
    Scenario: A history of cancer was not asked about
      Given a history of cancer was not asked about
      Then rule TUM-002 is not part of the basis

  Rule: After significant trauma, about one in nine patients with back pain has a vertebral fracture

    Background:
      Given a 50-year-old man with back pain

    @FRX-001 @FRX-002
    Scenario: Significant trauma before the pain began
      Given there was significant trauma before the pain began
      Then the triage is urgent
      And rule FRX-001 is part of the basis
      And rule FRX-002 is part of the basis
      And rule FRX-002 counts for vertebral fracture
      And the probability of vertebral fracture is above 10 %

    @FRX-002
    Scenario: No trauma
      Given there was no significant trauma before the pain began
      Then rule FRX-002 is not part of the basis

    @FRX-002
    Scenario: Trauma was not asked about
      Given significant trauma before the pain began was not asked about
      Then rule FRX-002 is not part of the basis

  Rule: With osteoporosis or long-term corticosteroids, about one in three patients with back pain has a vertebral fracture

    Background:
      Given a 60-year-old woman with back pain

    @FRX-003 @FRX-004
    Scenario: Osteoporosis or long-term corticosteroids
      Given she has osteoporosis or long-term corticosteroid use
      Then the triage is routine
      And the red flags include risk of osteoporotic compression fracture
      And rule FRX-003 is part of the basis
      And rule FRX-004 is part of the basis
      And rule FRX-003 counts for vertebral fracture
      And the probability of vertebral fracture is above 30 %

    @FRX-003
    Scenario: No osteoporosis or long-term corticosteroids
      Given there is no osteoporosis or long-term corticosteroid use
      Then rule FRX-003 is not part of the basis

    @FRX-003
    Scenario: Osteoporosis and corticosteroids were not asked about
      Given osteoporosis or long-term corticosteroid use was not asked about
      Then rule FRX-003 is not part of the basis

  Rule: In people over 70 with back pain, about one in eleven has a vertebral fracture

    @FRX-005
    Scenario Outline: Back pain at <age (years)>
      Given a <age (years)>-year-old woman with back pain
      Then rule FRX-005 is part of the basis
      And rule FRX-005 counts for vertebral fracture

      Examples:
        | age (years) |
        | 71          |
        | 90          |

    @FRX-005
    Scenario Outline: Back pain at <age (years)>, not over 70
      Given a <age (years)>-year-old woman with back pain
      Then rule FRX-005 is not part of the basis

      Examples:
        | age (years) |
        | 70          |
        | 60          |

    @FRX-005
    Scenario: Back pain, age not recorded
      Given a woman whose age was not recorded
      Then rule FRX-005 is not part of the basis

    @FRX-005 @FRX-003
    Scenario: Over 70 with osteoporosis: the higher published probability applies
      Given a 75-year-old woman with back pain
      And she has osteoporosis or long-term corticosteroid use
      Then rule FRX-005 is part of the basis
      And rule FRX-003 is part of the basis
      And rule FRX-003 counts for vertebral fracture
      And rule FRX-005 is listed for vertebral fracture but not counted
