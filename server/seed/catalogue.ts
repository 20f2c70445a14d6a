/**
 * The demo catalogue: a shop of used DVDs, in EUR with Norway-style 25 % VAT included. Prices are in
 * minor units (cents). Each film gets a generated cover (`/media/covers/<slug>.svg`), so the demo needs
 * no network. Discounts are exact decimals, as the API takes them.
 */
export interface DemoFilm {
  readonly slug: string;
  readonly name: string;
  readonly year: number;
  readonly director: string;
  readonly genres: readonly string[];
  readonly price: number;
  readonly discount?: number;
  readonly condition: 'Like new' | 'Very good' | 'Good' | 'Acceptable';
  readonly runtime: number;
  readonly short: string;
  readonly long: string;
  /** Cover colours: background, accent. */
  readonly colors: readonly [string, string];
  /** Sub-products (slugs of DEMO_EXTRAS) offered with this film. */
  readonly extras: readonly string[];
}

export interface DemoExtra {
  readonly slug: string;
  readonly name: string;
  readonly price: number;
  readonly short: string;
  readonly long: string;
  readonly colors: readonly [string, string];
}

export const DEMO_CURRENCY = 'EUR';
export const DEMO_VAT = 0.25;

export const DEMO_EXTRAS: readonly DemoExtra[] = [
  {
    slug: 'collectors-sleeve',
    name: "Collector's sleeve",
    price: 299,
    short: 'A rigid card slipcase that keeps the case like new.',
    long: 'A rigid, acid-free card slipcase cut to the standard DVD case, with a matte finish that does not scuff. Slides over the original case.',
    colors: ['#2b2d42', '#edf2f4'],
  },
  {
    slug: 'gift-wrap',
    name: 'Gift wrap',
    price: 350,
    short: 'Wrapped in recycled paper with a hand-written card.',
    long: 'We wrap the film in recycled kraft paper, tie it with cotton string and add a card with your message (put it in the order note).',
    colors: ['#9d0208', '#ffba08'],
  },
  {
    slug: 'commentary-booklet',
    name: "Director's commentary booklet",
    price: 499,
    short: 'A printed booklet of notes on the film, scene by scene.',
    long: "A 32-page printed booklet with notes on the film's making, scene by scene, written by our staff from interviews and commentary tracks.",
    colors: ['#283618', '#fefae0'],
  },
];

const ALL = ['collectors-sleeve', 'gift-wrap'] as const;
const WITH_BOOKLET = ['collectors-sleeve', 'gift-wrap', 'commentary-booklet'] as const;

export const DEMO_FILMS: readonly DemoFilm[] = [
  { slug: 'casablanca', name: 'Casablanca', year: 1942, director: 'Michael Curtiz', genres: ['drama', 'romance'], price: 899, condition: 'Very good', runtime: 102, colors: ['#1b1b1b', '#e0c080'], extras: WITH_BOOKLET,
    short: 'Of all the gin joints in all the towns in all the world.', long: 'Rick Blaine runs a nightclub in wartime Casablanca and sticks his neck out for nobody, until the woman he loved walks in with a resistance leader who needs to get out. Region 2, original case and insert.' },
  { slug: 'rear-window', name: 'Rear Window', year: 1954, director: 'Alfred Hitchcock', genres: ['thriller', 'mystery'], price: 999, discount: 0.1, condition: 'Good', runtime: 112, colors: ['#14213d', '#fca311'], extras: WITH_BOOKLET,
    short: 'A photographer with a broken leg watches his neighbours, and sees too much.', long: "Laid up in his Greenwich Village flat, a photographer passes the heat wave watching the courtyard, and becomes convinced one neighbour has murdered his wife. Light wear on the case; disc plays perfectly." },
  { slug: 'seven-samurai', name: 'Seven Samurai', year: 1954, director: 'Akira Kurosawa', genres: ['action', 'drama'], price: 1499, condition: 'Like new', runtime: 207, colors: ['#3c1518', '#f2f3ae'], extras: WITH_BOOKLET,
    short: 'A village hires seven masterless samurai to face forty bandits.', long: 'Farmers who will lose their harvest to bandits hire seven ronin, paid only in rice. Two discs, Japanese audio with English subtitles.' },
  { slug: 'some-like-it-hot', name: 'Some Like It Hot', year: 1959, director: 'Billy Wilder', genres: ['comedy', 'romance'], price: 799, condition: 'Very good', runtime: 121, colors: ['#ffafcc', '#3a0ca3'], extras: ALL,
    short: "Two musicians on the run join an all-women band. Nobody's perfect.", long: 'Witnesses to a gangland massacre, two Chicago musicians escape to Florida disguised as women in an all-girl band. Region 2.' },
  { slug: 'psycho', name: 'Psycho', year: 1960, director: 'Alfred Hitchcock', genres: ['horror', 'thriller'], price: 899, discount: 0.2, condition: 'Good', runtime: 109, colors: ['#000000', '#d00000'], extras: WITH_BOOKLET,
    short: 'A secretary on the run checks in at the Bates Motel.', long: 'A secretary steals 40,000 dollars and flees, stopping for the night at a remote motel run by a young man and his mother. Slight scratch on the case, none on the disc.' },
  { slug: '2001-a-space-odyssey', name: '2001: A Space Odyssey', year: 1968, director: 'Stanley Kubrick', genres: ['science fiction'], price: 1299, condition: 'Like new', runtime: 149, colors: ['#03071e', '#ffffff'], extras: WITH_BOOKLET,
    short: 'From the dawn of man to the infinite, by way of HAL 9000.', long: 'A black monolith appears at the dawn of humankind, and again on the Moon; a mission to Jupiter follows it, with a computer that does not make mistakes.' },
  { slug: 'the-godfather', name: 'The Godfather', year: 1972, director: 'Francis Ford Coppola', genres: ['crime', 'drama'], price: 1199, condition: 'Very good', runtime: 175, colors: ['#0b090a', '#a4161a'], extras: WITH_BOOKLET,
    short: "An offer you can't refuse.", long: 'The ageing patriarch of a New York crime family hands control to his reluctant youngest son. Widescreen, Region 2.' },
  { slug: 'jaws', name: 'Jaws', year: 1975, director: 'Steven Spielberg', genres: ['thriller', 'adventure'], price: 699, discount: 0.5, condition: 'Acceptable', runtime: 124, colors: ['#023e8a', '#caf0f8'], extras: ALL,
    short: "You're gonna need a bigger boat.", long: 'A great white shark terrorises a beach town on the Fourth of July weekend; the police chief, a marine biologist and a shark hunter go after it. Case worn, disc tested and fine: priced to go.' },
  { slug: 'alien', name: 'Alien', year: 1979, director: 'Ridley Scott', genres: ['horror', 'science fiction'], price: 999, condition: 'Very good', runtime: 117, colors: ['#1b263b', '#9ef01a'], extras: WITH_BOOKLET,
    short: 'In space no one can hear you scream.', long: 'The crew of the commercial towing ship Nostromo answers a distress call on a desolate moon and brings something back on board.' },
  { slug: 'blade-runner', name: 'Blade Runner', year: 1982, director: 'Ridley Scott', genres: ['science fiction', 'thriller'], price: 1099, discount: 0.1, condition: 'Very good', runtime: 117, colors: ['#10002b', '#ff6d00'], extras: WITH_BOOKLET,
    short: 'Los Angeles, 2019. A blade runner hunts four replicants.', long: "A retired cop is forced back to hunt four bio-engineered replicants who have come to Earth looking for their maker. The Final Cut." },
  { slug: 'back-to-the-future', name: 'Back to the Future', year: 1985, director: 'Robert Zemeckis', genres: ['science fiction', 'comedy', 'adventure'], price: 899, condition: 'Good', runtime: 116, colors: ['#f77f00', '#003049'], extras: ALL,
    short: '88 miles per hour, 1.21 gigawatts, and 1955.', long: 'A teenager is sent thirty years back in a time-travelling DeLorean and must make sure his parents fall in love. Region 2.' },
  { slug: 'my-neighbor-totoro', name: 'My Neighbor Totoro', year: 1988, director: 'Hayao Miyazaki', genres: ['animation', 'family'], price: 1299, condition: 'Like new', runtime: 86, colors: ['#588157', '#dad7cd'], extras: ALL,
    short: 'Two sisters, a camphor tree, and a cat bus.', long: 'Two sisters move to the countryside with their father to be near their ailing mother, and meet the forest spirits who live nearby.' },
  { slug: 'groundhog-day', name: 'Groundhog Day', year: 1993, director: 'Harold Ramis', genres: ['comedy', 'romance'], price: 599, discount: 0.2, condition: 'Good', runtime: 101, colors: ['#fefae0', '#bc6c25'], extras: ALL,
    short: 'A weatherman lives the same day over and over again.', long: 'A cynical TV weatherman covering the Groundhog Day festival in Punxsutawney wakes up every morning to the same day.' },
  { slug: 'jurassic-park', name: 'Jurassic Park', year: 1993, director: 'Steven Spielberg', genres: ['adventure', 'science fiction'], price: 799, condition: 'Very good', runtime: 127, colors: ['#2d6a4f', '#ffd166'], extras: ALL,
    short: 'Life, uh, finds a way.', long: 'A billionaire invites experts to preview his island theme park of cloned dinosaurs, just as the power goes out.' },
  { slug: 'pulp-fiction', name: 'Pulp Fiction', year: 1994, director: 'Quentin Tarantino', genres: ['crime', 'drama'], price: 999, condition: 'Good', runtime: 154, colors: ['#ffbe0b', '#000000'], extras: WITH_BOOKLET,
    short: 'Two hitmen, a boxer, a gangster and his wife.', long: 'The lives of two mob hitmen, a boxer, a gangster and his wife, and a pair of diner bandits intertwine in four tales of violence and redemption.' },
  { slug: 'the-shawshank-redemption', name: 'The Shawshank Redemption', year: 1994, director: 'Frank Darabont', genres: ['drama'], price: 899, condition: 'Very good', runtime: 142, colors: ['#6c584c', '#f0ead2'], extras: WITH_BOOKLET,
    short: 'Fear can hold you prisoner. Hope can set you free.', long: 'A banker sentenced to life for a murder he says he did not commit spends two decades in Shawshank State Penitentiary.' },
  { slug: 'toy-story', name: 'Toy Story', year: 1995, director: 'John Lasseter', genres: ['animation', 'family', 'comedy'], price: 699, condition: 'Good', runtime: 81, colors: ['#4cc9f0', '#f72585'], extras: ALL,
    short: 'To infinity and beyond.', long: "A pull-string cowboy doll feels threatened when a space ranger action figure becomes his owner's new favourite." },
  { slug: 'fargo', name: 'Fargo', year: 1996, director: 'Joel Coen', genres: ['crime', 'thriller', 'comedy'], price: 799, discount: 0.1, condition: 'Very good', runtime: 98, colors: ['#f8f9fa', '#9d0208'], extras: WITH_BOOKLET,
    short: 'A lot can happen in the middle of nowhere.', long: "A car salesman in debt hires two criminals to kidnap his wife; a pregnant police chief investigates the roadside murders that follow." },
  { slug: 'the-big-lebowski', name: 'The Big Lebowski', year: 1998, director: 'Joel Coen', genres: ['comedy', 'crime'], price: 699, condition: 'Acceptable', runtime: 117, colors: ['#283d3b', '#edddd4'], extras: ALL,
    short: 'The Dude abides.', long: 'Mistaken for a millionaire of the same name, a laid-back bowler in Los Angeles is drawn into a kidnapping plot. Case has a crack; the disc is fine.' },
  { slug: 'the-matrix', name: 'The Matrix', year: 1999, director: 'Lana and Lilly Wachowski', genres: ['science fiction', 'action'], price: 899, condition: 'Very good', runtime: 136, colors: ['#000000', '#38b000'], extras: WITH_BOOKLET,
    short: 'Take the red pill.', long: 'A computer hacker learns that the world he knows is a simulation, and joins the rebellion against the machines that run it.' },
  { slug: 'spirited-away', name: 'Spirited Away', year: 2001, director: 'Hayao Miyazaki', genres: ['animation', 'fantasy', 'family'], price: 1399, condition: 'Like new', runtime: 125, colors: ['#780000', '#fdf0d5'], extras: WITH_BOOKLET,
    short: "A girl works in a bathhouse for spirits to free her parents.", long: "Moving house, ten-year-old Chihiro wanders into a world of spirits, where her parents are turned into pigs and she must work in the witch Yubaba's bathhouse." },
  { slug: 'amelie', name: 'Amélie', year: 2001, director: 'Jean-Pierre Jeunet', genres: ['comedy', 'romance'], price: 699, discount: 0.2, condition: 'Good', runtime: 122, colors: ['#386641', '#bc4749'], extras: ALL,
    short: 'She will change your life.', long: 'A shy waitress in Montmartre decides to change the lives of the people around her, while struggling with her own isolation. French audio, English subtitles.' },
  { slug: 'spirit-of-the-beehive', name: 'The Spirit of the Beehive', year: 1973, director: 'Víctor Erice', genres: ['drama', 'fantasy'], price: 1599, condition: 'Like new', runtime: 98, colors: ['#e9c46a', '#264653'], extras: WITH_BOOKLET,
    short: 'After seeing Frankenstein, a girl in 1940s Spain looks for its spirit.', long: 'In a Castilian village in 1940, a young girl is haunted by a screening of Frankenstein and searches for the monster she believes is real. Rare Region 2 edition.' },
  { slug: 'paris-texas', name: 'Paris, Texas', year: 1984, director: 'Wim Wenders', genres: ['drama'], price: 1099, condition: 'Very good', runtime: 147, colors: ['#d62828', '#003049'], extras: ALL,
    short: 'A man walks out of the desert after four years.', long: 'A drifter who has been missing for four years reunites with his young son and sets out across Texas to find the boy’s mother.' },
  { slug: 'three-colours-trilogy', name: 'Three Colours: Blue, White, Red', year: 1994, director: 'Krzysztof Kieślowski', genres: ['drama', 'romance', 'box set'], price: 2499, discount: 0.1, condition: 'Like new', runtime: 288, colors: ['#023e8a', '#f1faee'], extras: WITH_BOOKLET,
    short: 'Liberty, equality, fraternity: three films in one box.', long: 'The complete trilogy on three discs in the original slipcase: Blue (1993), White (1994) and Red (1994). French audio, English subtitles.' },
  { slug: 'the-princess-bride', name: 'The Princess Bride', year: 1987, director: 'Rob Reiner', genres: ['adventure', 'comedy', 'family', 'fantasy'], price: 499, condition: 'Acceptable', runtime: 98, colors: ['#ffcad4', '#5f0f40'], extras: ALL,
    short: 'As you wish.', long: 'A grandfather reads his sick grandson the tale of a farmhand turned pirate who must rescue his true love from a villainous prince.' },
];

/** A decade tag: 1994 → "1990s". */
export const decade = (year: number): string => `${Math.floor(year / 10) * 10}s`;
