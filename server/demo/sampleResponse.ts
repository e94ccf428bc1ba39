// The sample document: the response of the PCC of Wiltshire and Swindon to the HMICFRS report
// on Regional Organised Crime Units, as published (kept here so the project never reads
// ../shared at run time).
import type { RoleId, SectionKind } from '../../shared/model';
import type { SeedParagraph } from '../content/sectionContent';

export interface SampleSection {
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  recommendation?: string;
  paragraphs: SeedParagraph[];
}

// The report's publication date is given as 2 December 2021 (its recommendations are due "by
// February 2022"); it could not be checked against HMICFRS's site from here, so correct it if
// the published page says otherwise.
export const SAMPLE_RESPONSE = {
  title: 'Response of the Police and Crime Commissioner of Wiltshire and Swindon to the HMICFRS report',
  report: {
    title: 'Regional Organised Crime Units: an inspection of the effectiveness of the Regional Organised Crime Units',
    publishedOn: '2021-12-02',
    url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/publications/an-inspection-of-the-effectiveness-of-the-regional-organised-crime-units/',
  },
};

export const SAMPLE_SECTIONS: SampleSection[] = [
  {
    kind: 'prose',
    title: "Police and Crime Commissioner's comments",
    ownerRole: 'pcc',
    paragraphs: [
      {
        text: "I am writing to you to acknowledge and thank you for sharing the publication of the above report. I welcome the HMICFRS report on the effectiveness of the Regional Organised Crime Units which details around the progress of the network since the last thematic inspection in 2015. The primary purpose of the report is to inform the Home Secretary on efficiency and effectiveness of the National Crime Agency and I feel the report provides valuable insights for Police and Crime Commissioners, especially for those like myself who have taken on additional responsibility to represent the regional units nationally. I hold regular meetings with my chief constable and the regional ACC to monitor performance and manage any strategic risks fulfilling my duties being able to hold my Chief constable accountable for any failings. In relation to me doing this, more needs to be done at the national and regional levels to make sure the structure and leadership of the ROCU network is consistent and can effectively tackle the threat from SOC",
      },
      {
        text: "Whilst we welcome the recommendations made in the report, recognising many of these are most relevant to the national portfolio and/or Home Office, I note that you highlight the lack of sustainable funding as a barrier to the progress of the ROCU network. I know this is a view shared by many across the Serious and Organised Crime system and that the present funding solution precludes an ambition for a strategic and borderless approach to tackling serious and organised criminals. Due to the lack of funding business leads find it difficult to plan and ROCUs struggle to not just attract but also retain talent, based on fixed-term arrangements. This ultimately means they can't invest effectively in specialist capabilities and I feel this is neither effective nor efficient and is a cause of concern.",
      },
      {
        text: 'It is paramount that sustainable funding is delivered as a priority in time for the start of the 2022/23 financial year. I welcome these conversations with colleagues in the Home Office and National Crime Agency as to achieve the balance of a more sustainable funding solution for ROCUs, whilst ensuring we continue to deliver those areas of policing which matter to my local communities.',
      },
    ],
  },
  {
    kind: 'prose',
    title: 'Chief Officer comments',
    ownerRole: 'chief_constable',
    paragraphs: [
      {
        text: "The Chief Constable of Wiltshire notes the published report and recommendations made within it and welcomes the work to find a sustainable funding model to enable ROCU's to lead the response to SOC in the region.",
      },
    ],
  },
  {
    kind: 'prose',
    title: 'Portfolio lead comments',
    ownerRole: 'portfolio_lead',
    paragraphs: [
      {
        text: 'The force works closely with the ROCU in tackling SOC. They are integrated within our force SOC meetings and this is reciprocated at a regional level with Wiltshire and other forces involved with the ROCU led strategic and tactical meeting structure.',
      },
    ],
  },
  {
    kind: 'recommendation',
    title: 'Recommendation 1',
    ownerRole: 'chief_constable',
    recommendation:
      'By February 2022, chief officers responsible for SOC in each region, with the chief officers of the affected forces, should make sure that systems are in place for senior investigating officers (SIOs) and lead responsible officers (LROs) to work effectively together.',
    paragraphs: [
      {
        italic: true,
        text: "The close liaison that SIO's and LRO's have within Wiltshire is overseen by the SOC lead through a two monthly Tactical OCG management group and the introduction of a SOC tactical advisor role that coordinates activity. This ensures that the ongoing community impact of the OCG is still monitored whilst a more covert response may be undertaken and reduces the chance of compromise. At present this is not replicated at regional level as the OCG's discussed at RTIG are all at Tier 1 and the LRO responsibility would remain in force. LRO management has to date sat within forces and has been the responsibility of the Chief Officer. The chief officer responsible for SOC within the region has to date relied on forces to ensure correct LRO management and whilst forces have sought best practice from other regions or Home office guidance, LRO management undertaken by the region would be of assistance.",
      },
    ],
  },
  {
    kind: 'recommendation',
    title: 'Recommendation 2',
    ownerRole: 'chief_constable',
    recommendation:
      'By February 2022, the chief constable with the lead for SOC in each region, with the chief officers of the affected forces, should ensure that a chief officer is appointed with responsibility for each ROCU, as far as practicable working autonomously of force responsibilities',
    paragraphs: [
      {
        italic: true,
        text: "Chief Officers in the SW Region have already decided to appoint a regional ACC to oversee the delivery of ROCU business. This post is supported by a lead Force (Dorset), but operates independently and on behalf of the regional Chief Constables and PCC's.",
      },
    ],
  },
  {
    kind: 'prose',
    title: 'HMI comments',
    ownerRole: 'pcc',
    paragraphs: [{ text: "HMI Williams comments/support: HMI's comments in support." }],
  },
];
