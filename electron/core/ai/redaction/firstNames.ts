/**
 * Common first names of pupils in UK schools (ONS baby-name lists across two decades, with Welsh,
 * Scottish, Irish, Polish, South Asian, Arabic, African and Caribbean names), folded as the
 * normaliser folds them (no accents, lower case). Used only to warn when there is no class list:
 * a capitalised word from this list "may be a pupil's name". Names that are mainly places or
 * people a lesson is about (Jordan, Victoria, Florence, Paris) are left out to keep the warning
 * meaningful; ordinary words (Will, May, Grace) are in commonWordNames and need a surname after them.
 */
export const FIRST_NAMES = new Set(
  `oliver george harry noah jack leo arthur muhammad mohammed mohammad oscar charlie jacob thomas tom henry william freddie
   alfie theo archie joshua james ethan isaac alexander joseph edward samuel max logan lucas daniel benjamin finley
   sebastian adam dylan elijah riley toby rory teddy reggie albert ronnie tommy louie frankie harrison jaxon hugo
   louis elliot elliott zachary ryan nathan luke matthew david michael christopher liam kyle callum connor jamie
   aaron ben lewis owen rhys dafydd gethin iwan osian cai ifan emyr gwion tomos llew aled huw ieuan sion steffan
   euan fraser hamish angus ruaridh calum cameron kieran declan cian oisin eoin padraig niall seamus aidan ronan
   kacper jakub szymon filip mateusz piotr krzysztof tomasz wiktor antoni igor oskar bartosz dawid michal
   aarav arjun rohan ravi vikram krishna aditya ishaan dev sai rahul amir omar ali ahmed ahmad yusuf yousef ibrahim
   ismail hamza bilal zain zayn ayaan rayyan hassan hussain idris musa adnan imran faisal tariq kareem karim jamal
   kwame kofi kojo chidi emeka tunde femi segun obinna olu jayden tyrone kai malik andre marcus reuben tobias
   olivia amelia isla ava mia ivy lily isabella sophia sophie grace willow freya emily ella poppy evie
   charlotte elsie rosie harper sienna isabelle matilda evelyn millie daisy phoebe chloe alice ruby esme maya
   layla aria emilia imogen erin eliza elizabeth lucy holly hannah jessica amy emma abigail megan bethany lauren
   rebecca rachel sarah laura katie zoe zoey niamh siobhan aoife saoirse ciara orla roisin sinead caoimhe eimear
   catriona morag eilidh kirsty fiona ailsa mhairi iona skye carys cerys seren ffion megan nia eira alys lowri
   mali elin gwen angharad bethan rhiannon sian catrin manon tegan zofia zuzanna julia maja lena hanna natalia
   oliwia wiktoria aleksandra amelia kinga agnieszka priya ananya aisha ayesha fatima maryam zainab khadija
   hafsa amina yasmin noor zahra sana hira aliya safiya inaya anaya riya diya kavya isha meera leah naomi chanel
   shanice keisha tianna aaliyah ebony adaeze chioma ngozi amara abena ama efua esi funmi yetunde nneka tolu
   lacey kayla leila lola nancy martha mabel edith beatrice violet hazel iris ada eloise arabella
   maisie molly lottie georgina harriet annabel clara stella luna nova aurora hallie darcy darcie gracie
   ellie katherine kate natasha tanya jasmine shannon courtney kelsey`
    .split(/\s+/)
    .filter(Boolean),
);
