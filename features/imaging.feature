Feature: Imaging of the lumbar spine: whether an MRI, CT or radiograph is indicated now
  When an imaging order for the lumbar spine is drafted, cdss says whether imaging is indicated now and
  why. Features of cauda equina syndrome, worsening weakness, a history of cancer and fever call for MRI
  now, and significant trauma for a radiograph now. Unexplained weight loss, age over 50 and
  osteoporosis call for a radiograph only if the pain has not improved after about a month. In the first
  six weeks, with the red flags asked about and absent, imaging is not indicated; after six weeks, leg
  pain below the knee or neurogenic claudication warrants MRI only for a candidate for surgery or an
  injection (NICE NG59, Choosing Wisely, ACP 2011, ACR).

  Rule: A red flag on its own says whether imaging is indicated now or after a trial of treatment

    Background:
      Given a 40-year-old man with back pain

    @IMG-001 @IMG-002 @IMG-003 @IMG-004 @IMG-005 @IMG-006 @IMG-008
    Scenario Outline: Back pain with <finding>, for imaging
      Given <finding>
      Then rule <imaging rule> is part of the basis

      Examples:
        | finding                                             | imaging rule |
        | he has saddle anaesthesia                           | IMG-001      |
        | he has urinary retention                            | IMG-001      |
        | he has leg weakness that is getting worse           | IMG-002      |
        | he has a history of cancer                          | IMG-003      |
        | he has a fever                                      | IMG-004      |
        | there was significant trauma before the pain began  | IMG-005      |
        | he has unexplained weight loss                      | IMG-006      |
        | he has osteoporosis or long-term corticosteroid use | IMG-008      |

    @IMG-001 @IMG-002 @IMG-003 @IMG-004 @IMG-005 @IMG-006 @IMG-008
    Scenario Outline: Back pain without <finding>, for imaging
      Given there is no <finding>
      Then rule <imaging rule> is not part of the basis

      Examples:
        | finding                                       | imaging rule |
        | saddle anaesthesia                            | IMG-001      |
        | leg weakness that is getting worse            | IMG-002      |
        | history of cancer                             | IMG-003      |
        | fever                                         | IMG-004      |
        | significant trauma before the pain began      | IMG-005      |
        | unexplained weight loss                       | IMG-006      |
        | osteoporosis or long-term corticosteroid use  | IMG-008      |

    @IMG-001 @IMG-002 @IMG-003 @IMG-004 @IMG-005 @IMG-006 @IMG-008
    Scenario Outline: Back pain, <finding> not asked about, for imaging
      Given <finding> was not asked about
      Then rule <imaging rule> is not part of the basis

      Examples:
        | finding                                       | imaging rule |
        | saddle anaesthesia                            | IMG-001      |
        | leg weakness that is getting worse            | IMG-002      |
        | history of cancer                             | IMG-003      |
        | fever                                         | IMG-004      |
        | significant trauma before the pain began      | IMG-005      |
        | unexplained weight loss                       | IMG-006      |
        | osteoporosis or long-term corticosteroid use  | IMG-008      |

  Rule: Age over 50 on its own calls for a radiograph only if the pain has not improved after about a month

    @IMG-007
    Scenario: A 55-year-old with back pain, for imaging
      Given a 55-year-old woman with back pain
      Then rule IMG-007 is part of the basis

    @IMG-007
    Scenario: A 50-year-old with back pain, for imaging
      Given a 50-year-old woman with back pain
      Then rule IMG-007 is not part of the basis

    @IMG-007
    Scenario: A woman with back pain whose age was not recorded, for imaging
      Given a woman whose age was not recorded
      Then rule IMG-007 is not part of the basis

  Rule: In the first six weeks, with the red flags asked about and absent, imaging is not indicated

    Background:
      Given a 40-year-old woman with sciatica down one leg
      And there is no saddle anaesthesia
      And there is no urinary retention
      And there is no new urinary incontinence
      And there is no new faecal incontinence
      And there is no new sexual dysfunction
      And there is no sciatica in both legs
      And there is no leg weakness that is getting worse
      And there is no history of cancer
      And there is no fever
      And there was no significant trauma before the pain began

    @IMG-009
    Scenario: Sciatica for three weeks without red flags
      Given the symptoms have lasted 3 weeks
      Then rule IMG-009 is part of the basis
      And the triage is routine

    @IMG-009
    Scenario: Sciatica for eight weeks without red flags
      Given the symptoms have lasted 8 weeks
      Then rule IMG-009 is not part of the basis

    @IMG-009
    Scenario: Sciatica without red flags, its duration not recorded
      Given how long the symptoms have lasted was not recorded
      Then rule IMG-009 is not part of the basis

  Rule: A red flag not asked about keeps imaging from being ruled out in the first six weeks

    @IMG-009
    Scenario: Sciatica for three weeks, fever not checked
      Given a 40-year-old woman with sciatica down one leg
      And the symptoms have lasted 3 weeks
      And there is no saddle anaesthesia
      And there is no urinary retention
      And there is no new urinary incontinence
      And there is no new faecal incontinence
      And there is no new sexual dysfunction
      And there is no sciatica in both legs
      And there is no leg weakness that is getting worse
      And there is no history of cancer
      And fever was not checked
      And there was no significant trauma before the pain began
      Then rule IMG-009 is not part of the basis

  Rule: After six weeks, leg pain below the knee or neurogenic claudication warrants MRI only for a candidate for surgery or an injection

    Background:
      Given a 45-year-old man with pain in one leg

    @IMG-010
    Scenario Outline: Leg pain for <duration (weeks)> weeks, <finding>
      Given the symptoms have lasted <duration (weeks)> weeks
      And <finding>
      Then rule IMG-010 is <outcome>

      Examples:
        | duration (weeks) | finding                       | outcome                |
        | 8                | he has pain below the knee    | part of the basis      |
        | 8                | he has neurogenic claudication | part of the basis     |
        | 4                | he has pain below the knee    | not part of the basis  |
        | 8                | there is no pain below the knee | not part of the basis |

    @IMG-010
    Scenario: Leg pain below the knee, its duration not recorded
      Given how long the symptoms have lasted was not recorded
      And he has pain below the knee
      Then rule IMG-010 is not part of the basis
