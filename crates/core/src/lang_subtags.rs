//! Primary language subtags registered in the IANA Language Subtag Registry
//! (File-Date 2025-08-25; every record with `Type: language`, lower case).
//!
//! Generated from the registry, not hand-edited: one string of 2-letter codes and one of
//! 3-letter codes, each sorted, so a lookup is a binary search over fixed-width slots
//! (about 25 KB in the binary, no allocation). The private-use range `qaa..qtz` is a
//! range record and is handled in code.

pub(crate) static TWO_LETTER: &str = concat!(
    "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoeseteufafffifjfofr",
    "fygagdglgngugvhahehihohrhthuhyhziaidieigiiikinioisitiuiwjajijvjwkakgkikjkkklkmknkokrkskukvkwkyla",
    "lblglilnloltlulvmgmhmimkmlmnmomrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqurmrnrorurwsasc",
    "sdsesgshsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu",
);

pub(crate) static THREE_LETTER: &str = concat!(
    "aaaaabaacaadaaeaafaagaahaaiaakaalaamaanaaoaapaaqaasaataauaavaawaaxaazabaabbabcabdabeabfabgabhabi",
    "abjablabmabnaboabpabqabrabsabtabuabvabwabxabyabzacaacbacdaceacfachaciackaclacmacnacpacqacracsact",
    "acuacvacwacxacyaczadaadbaddadeadfadgadhadiadjadladnadoadpadqadradsadtaduadwadxadyadzaeaaebaecaed",
    "aeeaekaelaemaenaeqaeraesaeuaewaeyaezafaafbafdafeafgafhafiafkafnafoafpafsaftafuafzagaagbagcagdage",
    "agfaggaghagiagjagkaglagmagnagoagpagqagragsagtaguagvagwagxagyagzahaahbahgahhahiahkahlahmahnahoahp",
    "ahrahsahtaiaaibaicaidaieaifaigaihaiiaijaikailaimainaioaipaiqairaisaitaiwaixaiyajaajgajiajnajpajs",
    "ajtajuajwajzakbakcakdakeakfakgakhakiakjakkaklakmakoakpakqakraksaktakuakvakwakxakyakzalaalcaldale",
    "alfalgalhalialjalkallalmalnaloalpalqalralsaltalualvalwalxalyalzamaambamcameamfamgamiamjamkamlamm",
    "amnamoampamqamramsamtamuamvamwamxamyamzanaanbancandaneanfanganhanianjankanlanmannanoanpanqanrans",
    "antanuanvanwanxanyanzaoaaobaocaodaoeaofaogaohaoiaojaokaolaomaonaoraosaotaouaoxaozapaapbapcapdape",
    "apfapgaphapiapjapkaplapmapnapoappapqaprapsaptapuapvapwapxapyapzaqaaqcaqdaqgaqkaqlaqmaqnaqpaqraqt",
    "aqzarbarcardarearhariarjarkarlarnaroarparqarrarsartaruarvarwarxaryarzasaasbascasdaseasfasgashasi",
    "asjaskaslasnasoaspasqasrassastasuasvaswasxasyaszataatbatcatdateatgathatiatjatkatlatmatnatoatpatq",
    "atratsattatuatvatwatxatyatzauaaubaucaudaueaufaugauhauiaujaukaulaumaunauoaupauqaurausautauuauwaux",
    "auyauzavbavdaviavkavlavmavnavoavsavtavuavvawaawbawcawdaweawgawhawiawkawmawnawoawrawsawtawuawvaww",
    "awxawyaxbaxeaxgaxkaxlaxmaxxayaaybaycaydayeaygayhayiaykaylaynayoaypayqayraysaytayuayxayyayzazaazb",
    "azcazdazgazjazmaznazoaztazzbaababbacbadbaebafbagbahbaibajbalbanbaobapbarbasbatbaubavbawbaxbaybaz",
    "bbabbbbbcbbdbbebbfbbgbbhbbibbjbbkbblbbmbbnbbobbpbbqbbrbbsbbtbbubbvbbwbbxbbybbzbcabcbbccbcdbcebcf",
    "bcgbchbcibcjbckbclbcmbcnbcobcpbcqbcrbcsbctbcubcvbcwbcybczbdabdbbdcbddbdebdfbdgbdhbdibdjbdkbdlbdm",
    "bdnbdobdpbdqbdrbdsbdtbdubdvbdwbdxbdybdzbeabebbecbedbeebefbegbehbeibejbekbembeobepbeqberbesbetbeu",
    "bevbewbexbeybezbfabfbbfcbfdbfebffbfgbfhbfibfjbfkbflbfmbfnbfobfpbfqbfrbfsbftbfubfwbfxbfybfzbgabgb",
    "bgcbgdbgebgfbggbgibgjbgkbglbgmbgnbgobgpbgqbgrbgsbgtbgubgvbgwbgxbgybgzbhabhbbhcbhdbhebhfbhgbhhbhi",
    "bhjbhkbhlbhmbhnbhobhpbhqbhrbhsbhtbhubhvbhwbhxbhybhzbiabibbicbidbiebifbigbijbikbilbimbinbiobipbiq",
    "birbitbiubivbiwbixbiybizbjabjbbjcbjdbjebjfbjgbjhbjibjjbjkbjlbjmbjnbjobjpbjqbjrbjsbjtbjubjvbjwbjx",
    "bjybjzbkabkbbkcbkdbkfbkgbkhbkibkjbkkbklbkmbknbkobkpbkqbkrbksbktbkubkvbkwbkxbkybkzblablbblcbldble",
    "blfblgblhblibljblkbllblmblnbloblpblqblrblsbltblvblwblxblyblzbmabmbbmcbmdbmebmfbmgbmhbmibmjbmkbml",
    "bmmbmnbmobmpbmqbmrbmsbmtbmubmvbmwbmxbmybmzbnabnbbncbndbnebnfbngbnibnjbnkbnlbnmbnnbnobnpbnqbnrbns",
    "bntbnubnvbnwbnxbnybnzboabobboebofbogbohboibojbokbolbombonboobopboqborbotboubovbowboxboybozbpabpb",
    "bpcbpdbpebpgbphbpibpjbpkbplbpmbpnbpobppbpqbprbpsbptbpubpvbpwbpxbpybpzbqabqbbqcbqdbqfbqgbqhbqibqj",
    "bqkbqlbqmbqnbqobqpbqqbqrbqsbqtbqubqvbqwbqxbqybqzbrabrbbrcbrdbrfbrgbrhbribrjbrkbrlbrmbrnbrobrpbrq",
    "brrbrsbrtbrubrvbrwbrxbrybrzbsabsbbscbsebsfbsgbshbsibsjbskbslbsmbsnbsobspbsqbsrbssbstbsubsvbswbsx",
    "bsybtabtbbtcbtdbtebtfbtgbthbtibtjbtkbtlbtmbtnbtobtpbtqbtrbtsbttbtubtvbtwbtxbtybtzbuabubbucbudbue",
    "bufbugbuhbuibujbukbumbunbuobupbuqbusbutbuubuvbuwbuxbuybuzbvabvbbvcbvdbvebvfbvgbvhbvibvjbvkbvlbvm",
    "bvnbvobvpbvqbvrbvtbvubvvbvwbvxbvybvzbwabwbbwcbwdbwebwfbwgbwhbwibwjbwkbwlbwmbwnbwobwpbwqbwrbwsbwt",
    "bwubwwbwxbwybwzbxabxbbxcbxdbxebxfbxgbxhbxibxjbxkbxlbxmbxnbxobxpbxqbxrbxsbxubxvbxwbxxbxzbyabybbyc",
    "bydbyebyfbygbyhbyibyjbykbylbymbynbyobypbyqbyrbysbytbyvbywbyxbyybyzbzabzbbzcbzdbzebzfbzgbzhbzibzj",
    "bzkbzlbzmbznbzobzpbzqbzrbzsbztbzubzvbzwbzxbzybzzcaacabcaccadcaecafcagcahcaicajcakcalcamcancaocap",
    "caqcarcascaucavcawcaxcaycazcbacbbcbccbdcbecbgcbhcbicbjcbkcblcbncbocbqcbrcbscbtcbucbvcbwcbyccaccc",
    "ccdcceccgcchccjcclccmccnccoccpccqccrccscdacdccddcdecdfcdgcdhcdicdjcdmcdncdocdrcdscdycdzceacebceg",
    "cekcelcencetceycfacfdcfgcfmcgacgccggcgkchbchcchdchfchgchhchjchkchlchmchnchochpchqchrchtchwchxchy",
    "chzciacibciccidciecihcikcimcincipcirciwciycjacjecjhcjicjkcjmcjncjocjpcjrcjscjvcjyckackbckhcklckm",
    "cknckockqckrckscktckuckvckxckyckzclaclccldcleclhclicljclkcllclmcloclscltcluclwclycmacmccmecmgcmi",
    "cmkcmlcmmcmncmocmrcmscmtcnacnbcnccngcnhcnicnkcnlcnocnpcnqcnrcnscntcnucnwcnxcoacobcoccodcoecofcog",
    "cohcojcokcolcomconcoocopcoqcotcoucovcowcoxcoycozcpacpbcpccpecpfcpgcpicpncpocppcpscpucpxcpycqdcqu",
    "cracrbcrccrdcrfcrgcrhcricrjcrkcrlcrmcrncrocrpcrqcrrcrscrtcrvcrwcrxcrycrzcsacsbcsccsdcsecsfcsgcsh",
    "csicsjcskcslcsmcsncsocspcsqcsrcsscstcsucsvcswcsxcsycszctactcctdctectgcthctlctmctnctoctpctscttctu",
    "ctyctzcuacubcuccugcuhcuicujcukculcumcuocupcuqcurcuscutcuucuvcuwcuxcuycvgcvncwacwbcwdcwecwgcwtcxh",
    "cyacybcyoczhczkcznczocztdaadacdaddaedafdagdahdaidajdakdaldamdaodapdaqdardasdaudavdawdaxdaydazdba",
    "dbbdbddbedbfdbgdbidbjdbldbmdbndbodbpdbqdbrdbtdbudbvdbwdbydccdcrddadddddeddgddiddjddnddoddrddsddw",
    "decdeddeedefdegdehdeidekdeldemdendepdeqderdesdevdezdgadgbdgcdgddgedggdghdgidgkdgldgndgodgrdgsdgt",
    "dgudgwdgxdgzdhadhddhgdhidhldhmdhndhodhrdhsdhudhvdhwdhxdiadibdicdiddifdigdihdiidijdikdildimdindio",
    "dipdiqdirdisditdiudiwdixdiydizdjadjbdjcdjddjedjfdjidjjdjkdjldjmdjndjodjrdjudjwdkadkgdkkdkldkrdks",
    "dkxdlgdlkdlmdlndmadmbdmcdmddmedmfdmgdmkdmldmmdmndmodmrdmsdmudmvdmwdmxdmydnadnddnedngdnidnjdnkdnn",
    "dnodnrdntdnudnvdnwdnydoadobdocdoedofdohdoidokdoldondoodopdoqdordosdotdovdowdoxdoydozdppdradrbdrc",
    "drddredrgdrhdridrldrndrodrqdrrdrsdrtdrudrwdrydsbdsedshdsidskdsldsndsodsqdszdtadtbdtddthdtidtkdtm",
    "dtndtodtpdtrdtsdttdtudtyduadubducdudduedufdugduhduidujdukduldumdunduodupduqdurdusduuduvduwduxduy",
    "duzdvadwadwkdwldwrdwsdwudwwdwydwzdyadybdyddygdyidymdyndyodyrdyudyydzadzddzedzgdzldzneaaebcebgebk",
    "eboebrebuecrecsecyeeeefaefeefiegaeglegmegoegxegyehsehueipeiteivejaekaekcekeekgekiekkeklekmekoekp",
    "ekrekyeleelhelielkelmeloelpeluelxemaembemeemgemiemkemmemnemoempemqemsemuemwemxemyemzenaenbencend",
    "enfenhenlenmennenoenqenrenuenvenwenxeotepieraergerherierkeroerrerserterweseesgeshesieskeslesmesn",
    "esoesqessesuesxesyetbetcethetnetoetretsettetuetxetzeudeuqeveevhevnewoexteyaeyoezaezefaafabfadfaf",
    "fagfahfaifajfakfalfamfanfapfarfatfaufaxfayfazfblfcsferffiffmfgrfiafiefiffilfipfirfitfiufiwfkkfkv",
    "flaflhflifllflnflrflyfmpfmufnbfngfnifodfoifomfonforfosfoxfpefqsfrcfrdfrkfrmfrofrpfrqfrrfrsfrtfse",
    "fslfssfubfucfudfuefuffuhfuifujfumfunfuqfurfutfuufuvfuyfvrfwafwegaagabgacgadgaegafgaggahgaigajgak",
    "galgamgangaogapgaqgargasgatgaugavgawgaxgaygazgbagbbgbcgbdgbegbfgbggbhgbigbjgbkgblgbmgbngbogbpgbq",
    "gbrgbsgbugbvgbwgbxgbygbzgccgcdgcegcfgclgcngcrgctgdagdbgdcgddgdegdfgdggdhgdigdjgdkgdlgdmgdngdogdq",
    "gdrgdsgdtgdugdxgeagebgecgedgefgeggehgeigejgekgelgemgeqgesgevgewgexgeygezgfkgftgfxggaggbggdggeggg",
    "ggkgglggnggoggrggtgguggwghaghcgheghhghkghlghnghoghrghsghtgiagibgicgidgiegiggihgiigilgimgingiogip",
    "giqgirgisgitgiugiwgixgiygizgjigjkgjmgjngjrgjugkagkdgkegkngkogkpgkuglbglcgldglhgligljglkgllgloglr",
    "gluglwglygmagmbgmdgmegmggmhgmlgmmgmngmqgmrgmugmvgmwgmxgmygmzgnagnbgncgndgnegnggnhgnignjgnkgnlgnm",
    "gnngnognqgnrgntgnugnwgnzgoagobgocgodgoegofgoggohgoigojgokgolgomgongoogopgoqgorgosgotgougovgowgox",
    "goygozgpagpegpngqagqigqngqrgqugragrbgrcgrdgrggrhgrigrjgrkgrmgrogrqgrrgrsgrtgrugrvgrwgrxgrygrzgse",
    "gsggslgsmgsngsogspgssgswgtagtigtuguagubgucgudguegufgugguhguigukgulgumgunguogupguqgurgusgutguuguv",
    "guwguxguzgvagvcgvegvfgvjgvlgvmgvngvogvpgvrgvsgvygwagwbgwcgwdgwegwfgwggwigwjgwmgwngwrgwtgwugwwgwx",
    "gxxgyagybgydgyegyfgyggyigylgymgyngyogyrgyygyzgzagzigznhaahabhachadhaehafhaghahhaihajhakhalhamhan",
    "haohaphaqharhashavhawhaxhayhazhbahbbhbnhbohbuhcahchhdnhdshdyheahedheghehheihemhgmhgwhhihhrhhyhia",
    "hibhidhifhighihhiihijhikhilhimhiohirhithiwhixhjihkahkehkhhkkhknhkshlahlbhldhlehlthluhmahmbhmchmd",
    "hmehmfhmghmhhmihmjhmkhmlhmmhmnhmphmqhmrhmshmthmuhmvhmwhmxhmyhmzhnahndhnehnghnhhnihnjhnmhnnhnohns",
    "hnuhoahobhochodhoehohhoihojhokholhomhoohophorhoshothovhowhoyhozhpohpshrahrchrehrkhrmhrohrphrrhrt",
    "hruhrwhrxhrzhsbhshhslhsnhsshtihtohtshtuhtxhubhuchudhuehufhughuhhuihujhukhulhumhuohuphuqhurhushut",
    "huuhuvhuwhuxhuyhuzhvchvehvkhvnhvvhwahwchwohyahywhyxiaiianiapiaribaibbibdibeibgibhibiiblibmibnibr",
    "ibuibyicaichiclicridaidbidciddideidiidridsidtiduifaifbifeiffifkifmifuifyigbigeiggigligmignigoigs",
    "igwihbihiihpihwiiniirijcijeijjijnijoijsikeikhikiikkiklikoikpikriksiktikvikwikxikzilailbilgiliilk",
    "illilmiloilpilsiluilvilwimaimeimiimlimnimoimrimsimtimyinbincineinginhinjinlinminninoinpinsintinz",
    "ioriouiowipiipoiquiqwiraireirhiriirkirniroirriruirxiryisaiscisdiseisgishisiiskismisnisoisristisu",
    "isvitbitcitditeitiitkitlitmitoitritsittitvitwitxityitziumivbivviwkiwmiwoiwsixcixliyaiyoiyxizhizi",
    "izmizrizzjaajabjacjadjaejafjahjajjakjaljamjanjaojaqjarjasjatjaujaxjayjazjbejbijbjjbkjbmjbnjbojbr",
    "jbtjbujbwjcsjctjdajdgjdtjebjeejegjehjeijekjeljenjerjetjeujgbjgejgkjgojhijhsjiajibjicjidjiejigjih",
    "jiijiljimjiojiqjitjiujivjiyjjejjrjkajkmjkojkpjkrjksjkujlejlsjmajmbjmcjmdjmijmljmnjmrjmsjmwjmxjna",
    "jndjngjnijnjjnljnsjobjodjogjorjosjowjpajprjpxjqrjrajrbjrrjrtjrujsljuajubjucjudjuhjuijukjuljumjun",
    "juojupjurjusjutjuujuwjuyjvdjvnjwijyajyejyykaakabkackadkaekafkagkahkaikajkakkamkaokapkaqkarkavkaw",
    "kaxkaykbakbbkbckbdkbekbfkbgkbhkbikbjkbkkblkbmkbnkbokbpkbqkbrkbskbtkbukbvkbwkbxkbykbzkcakcbkcckcd",
    "kcekcfkcgkchkcikcjkckkclkcmkcnkcokcpkcqkcrkcskctkcukcvkcwkcxkcykczkdakdckddkdekdfkdgkdhkdikdjkdk",
    "kdlkdmkdnkdokdpkdqkdrkdtkdukdvkdwkdxkdykdzkeakebkeckedkeekefkegkehkeikejkekkelkemkenkeokepkeqker",
    "kesketkeukevkewkexkeykezkfakfbkfckfdkfekffkfgkfhkfikfjkfkkflkfmkfnkfokfpkfqkfrkfskftkfukfvkfwkfx",
    "kfykfzkgakgbkgckgdkgekgfkggkghkgikgjkgkkglkgmkgnkgokgpkgqkgrkgskgtkgukgvkgwkgxkgykhakhbkhckhdkhe",
    "khfkhgkhhkhikhjkhkkhlkhnkhokhpkhqkhrkhskhtkhukhvkhwkhxkhykhzkiakibkickidkiekifkigkihkiikijkilkim",
    "kiokipkiqkiskitkiukivkiwkixkiykizkjakjbkjckjdkjekjfkjgkjhkjikjjkjkkjlkjmkjnkjokjpkjqkjrkjskjtkju",
    "kjvkjxkjykjzkkakkbkkckkdkkekkfkkgkkhkkikkjkkkkklkkmkknkkokkpkkqkkrkkskktkkukkvkkwkkxkkykkzklaklb",
    "klckldkleklfklgklhklikljklkkllklmklnkloklpklqklrklskltkluklvklwklxklyklzkmakmbkmckmdkmekmfkmgkmh",
    "kmikmjkmkkmlkmmkmnkmokmpkmqkmrkmskmtkmukmvkmwkmxkmykmzknaknbknckndkneknfkngkniknjknkknlknmknnkno",
    "knpknqknrknskntknuknvknwknxknyknzkoakockodkoekofkogkohkoikojkokkolkookopkoqkoskotkoukovkowkoxkoy",
    "kozkpakpbkpckpdkpekpfkpgkphkpikpjkpkkplkpmkpnkpokppkpqkprkpskptkpukpvkpwkpxkpykpzkqakqbkqckqdkqe",
    "kqfkqgkqhkqikqjkqkkqlkqmkqnkqokqpkqqkqrkqskqtkqukqvkqwkqxkqykqzkrakrbkrckrdkrekrfkrhkrikrjkrkkrl",
    "krmkrnkrokrpkrrkrskrtkrukrvkrwkrxkrykrzksaksbkscksdkseksfksgkshksiksjkskkslksmksnksokspksqksrkss",
    "kstksuksvkswksxksykszktaktbktcktdktektfktgkthktiktjktkktlktmktnktoktpktqktrktskttktuktvktwktxkty",
    "ktzkubkuckudkuekufkugkuhkuikujkukkulkumkunkuokupkuqkuskutkuukuvkuwkuxkuykuzkvakvbkvckvdkvekvfkvg",
    "kvhkvikvjkvkkvlkvmkvnkvokvpkvqkvrkvskvtkvukvvkvwkvxkvykvzkwakwbkwckwdkwekwfkwgkwhkwikwjkwkkwlkwm",
    "kwnkwokwpkwqkwrkwskwtkwukwvkwwkwxkwykwzkxakxbkxckxdkxekxfkxhkxikxjkxkkxlkxmkxnkxokxpkxqkxrkxskxt",
    "kxukxvkxwkxxkxykxzkyakybkyckydkyekyfkygkyhkyikyjkykkylkymkynkyokypkyqkyrkyskytkyukyvkywkyxkyykyz",
    "kzakzbkzckzdkzekzfkzgkzhkzikzjkzkkzlkzmkznkzokzpkzqkzrkzskztkzukzvkzwkzxkzykzzlaalablacladlaelaf",
    "laglahlailajlaklallamlanlaplaqlarlaslaulawlaxlaylazlbalbblbclbelbflbglbilbjlbklbllbmlbnlbolbqlbr",
    "lbslbtlbulbvlbwlbxlbylbzlcclcdlcelcflchlcllcmlcplcqlcsldaldblddldgldhldildjldkldlldmldnldoldpldq",
    "lealeblecledleelefleglehleilejleklellemlenleolepleqlerlesletleulevlewlexleylezlfalfnlgalgblgglgh",
    "lgilgklgllgmlgnlgolgqlgrlgslgtlgulgzlhalhhlhilhllhmlhnlhplhslhtlhulialibliclidlielifliglihliilij",
    "liklilliolipliqlirlisliulivliwlixliylizljaljeljiljlljpljwljxlkalkblkclkdlkelkhlkilkjlkllkmlknlko",
    "lkrlkslktlkulkyllallbllclldllellfllgllhllilljllklllllmllnllollpllqllsllullxlmalmblmclmdlmelmflmg",
    "lmhlmilmjlmklmllmmlmnlmolmplmqlmrlmulmvlmwlmxlmylmzlnalnblndlnglnhlnilnjlnllnmlnnlnolnslnulnwlnz",
    "loaloblocloelofloglohloilojloklollomlonlooloploqlorloslotloulovlowloxloylozlpalpelpnlpolpxlqrlra",
    "lrclrelrglrilrklrllrmlrnlrolrrlrtlrvlrzlsalsblsclsdlselsglshlsilsllsmlsnlsolsplsrlsslstlsvlswlsy",
    "ltcltglthltiltnltoltsltulualucludluelufluhluilujluklullumlunluolupluqlurluslutluuluvluwluyluzlva",
    "lvilvklvllvslvulwalwelwglwhlwllwmlwolwslwtlwulwwlxmlyalyglynlzhlzllznlzzmaamabmadmaemafmagmaimaj",
    "makmammanmapmaqmasmatmaumavmawmaxmazmbambbmbcmbdmbembfmbhmbimbjmbkmblmbmmbnmbombpmbqmbrmbsmbtmbu",
    "mbvmbwmbxmbymbzmcamcbmccmcdmcemcfmcgmchmcimcjmckmclmcmmcnmcomcpmcqmcrmcsmctmcumcvmcwmcxmcymczmda",
    "mdbmdcmddmdemdfmdgmdhmdimdjmdkmdlmdmmdnmdpmdqmdrmdsmdtmdumdvmdwmdxmdymdzmeamebmecmedmeemefmegmeh",
    "meimejmekmelmemmenmeomepmeqmermesmetmeumevmewmeymezmfamfbmfcmfdmfemffmfgmfhmfimfjmfkmflmfmmfnmfo",
    "mfpmfqmfrmfsmftmfumfvmfwmfxmfymfzmgamgbmgcmgdmgemgfmggmghmgimgjmgkmglmgmmgnmgomgpmgqmgrmgsmgtmgu",
    "mgvmgwmgxmgymgzmhamhbmhcmhdmhemhfmhgmhhmhimhjmhkmhlmhmmhnmhomhpmhqmhrmhsmhtmhumhwmhxmhymhzmiamib",
    "micmidmiemifmigmihmiimijmikmilmimminmiomipmiqmirmismitmiumiwmixmiymizmjamjbmjcmjdmjemjgmjhmjimjj",
    "mjkmjlmjmmjnmjomjpmjqmjrmjsmjtmjumjvmjwmjxmjymjzmkamkbmkcmkemkfmkgmkhmkimkjmkkmklmkmmknmkomkpmkq",
    "mkrmksmktmkumkvmkwmkxmkymkzmlamlbmlcmldmlemlfmlhmlimljmlkmllmlmmlnmlomlpmlqmlrmlsmlumlvmlwmlxmlz",
    "mmammbmmcmmdmmemmfmmgmmhmmimmjmmkmmlmmmmmnmmommpmmqmmrmmtmmummvmmwmmxmmymmzmnamnbmncmndmnemnfmng",
    "mnhmnimnjmnkmnlmnmmnnmnomnpmnqmnrmnsmntmnumnvmnwmnxmnymnzmoamocmodmoemofmogmohmoimojmokmommoomop",
    "moqmormosmotmoumovmowmoxmoymozmpampbmpcmpdmpempgmphmpimpjmpkmplmpmmpnmpomppmpqmprmpsmptmpumpvmpw",
    "mpxmpympzmqamqbmqcmqemqfmqgmqhmqimqjmqkmqlmqmmqnmqomqpmqqmqrmqsmqtmqumqvmqwmqxmqymqzmramrbmrcmrd",
    "mremrfmrgmrhmrjmrkmrlmrmmrnmromrpmrqmrrmrsmrtmrumrvmrwmrxmrymrzmsbmscmsdmsemsfmsgmshmsimsjmskmsl",
    "msmmsnmsomspmsqmsrmssmstmsumsvmswmsxmsymszmtamtbmtcmtdmtemtfmtgmthmtimtjmtkmtlmtmmtnmtomtpmtqmtr",
    "mtsmttmtumtvmtwmtxmtymuamubmucmudmuemugmuhmuimujmukmulmummunmuomupmuqmurmusmutmuumuvmuxmuymuzmva",
    "mvbmvdmvemvfmvgmvhmvimvkmvlmvmmvnmvomvpmvqmvrmvsmvtmvumvvmvwmvxmvymvzmwamwbmwcmwdmwemwfmwgmwhmwi",
    "mwjmwkmwlmwmmwnmwomwpmwqmwrmwsmwtmwumwvmwwmwxmwymwzmxamxbmxcmxdmxemxfmxgmxhmximxjmxkmxlmxmmxnmxo",
    "mxpmxqmxrmxsmxtmxumxvmxwmxxmxymxzmybmycmydmyemyfmygmyhmyimyjmykmylmymmynmyomypmyqmyrmysmytmyumyv",
    "mywmyxmyymyzmzamzbmzcmzdmzemzgmzhmzimzjmzkmzlmzmmznmzomzpmzqmzrmzsmztmzumzvmzwmzxmzymzznaanabnac",
    "nadnaenafnagnahnainajnaknalnamnannaonapnaqnarnasnatnawnaxnaynaznbanbbnbcnbdnbenbfnbgnbhnbinbjnbk",
    "nbmnbnnbonbpnbqnbrnbsnbtnbunbvnbwnbxnbyncancbnccncdncencfncgnchncincjncknclncmncnnconcpncqncrncs",
    "nctncuncxnczndandbndcnddndfndgndhndindjndkndlndmndnndpndqndrndsndtndundvndwndxndyndzneanebnecned",
    "neenefnegnehneinejneknemnenneoneqnernesnetneunevnewnexneyneznfanfdnflnfrnfungangbngcngdngengfngg",
    "nghngingjngknglngmngnngongpngqngrngsngtngungvngwngxngyngznhanhbnhcnhdnhenhfnhgnhhnhinhknhmnhnnho",
    "nhpnhqnhrnhtnhunhvnhwnhxnhynhznianibnicnidnienifnignihniinijniknilnimninnioniqnirnisnitniunivniw",
    "nixniyniznjanjbnjdnjhnjinjjnjlnjmnjnnjonjrnjsnjtnjunjxnjynjznkankbnkcnkdnkenkfnkgnkhnkinkjnkknkm",
    "nknnkonkpnkqnkrnksnktnkunkvnkwnkxnkznlanlcnlenlgnlinljnlknllnlmnlnnlonlqnlrnlunlvnlwnlxnlynlznma",
    "nmbnmcnmdnmenmfnmgnmhnminmjnmknmlnmmnmnnmonmpnmqnmrnmsnmtnmunmvnmwnmxnmynmznnannbnncnndnnennfnng",
    "nnhnninnjnnknnlnnmnnnnnpnnqnnrnnsnntnnunnvnnwnnxnnynnznoanocnodnoenofnognohnoinojnoknolnomnonnoo",
    "nopnoqnosnotnounovnownoynoznpanpbnpgnphnpinplnpnnponpsnpunpxnpynqgnqknqlnqmnqnnqonqqnqtnqynranrb",
    "nrcnrenrfnrgnrinrknrlnrmnrnnrpnrrnrtnrunrxnrznsansbnscnsdnsensfnsgnshnsinsknslnsmnsnnsonspnsqnsr",
    "nssnstnsunsvnswnsxnsynszntdntentgntintjntkntmntontpntrntsntuntwntxntyntznuanubnucnudnuenufnugnuh",
    "nuinujnuknulnumnunnuonupnuqnurnusnutnuunuvnuwnuxnuynuznvhnvmnvonwanwbnwcnwenwgnwinwmnwonwrnwwnwx",
    "nwynxanxdnxenxgnxinxknxlnxmnxnnxonxqnxrnxunxxnybnycnydnyenyfnygnyhnyinyjnyknylnymnynnyonypnyqnyr",
    "nysnytnyunyvnywnyxnyynzanzbnzdnzinzknzmnzrnzsnzunzynzzoaaoacoakoaroavobiobkoblobmoboobrobtobuoca",
    "ochocmocoocuodaodkodtoduofoofsofuogbogcogeoggogooguohtohuoiaoieoinojbojcojgojpojsojvojwokaokbokc",
    "okdokeokgokhokiokjokkoklokmoknokookroksokuokvokxokzolaoldoleolkolmoloolroltoluomaombomcomeomgomi",
    "omkomlomnomoompomqomromtomuomvomwomxomyonaonboneongonionjonkonnonoonponronsontonuonwonxoodoogoon",
    "ooroosopaopkopmopooptopyoraorcoreorgorhornoroorrorsortoruorvorworxoryorzosaoscosiosnosoospostosu",
    "osxotaotbotdoteotiotkotlotmotnotootqotrotsottotuotwotxotyotzouaouboueouioumounovdowiowloyboydoym",
    "oyyozmpaapabpacpadpaepafpagpahpaipakpalpampaopappaqparpaspatpaupavpawpaxpaypazpbbpbcpbepbfpbgpbh",
    "pbipblpbmpbnpbopbppbrpbspbtpbupbvpbypbzpcapcbpccpcdpcepcfpcgpchpcipcjpckpclpcmpcnpcppcrpcwpdapdc",
    "pdipdnpdopdtpdupeapebpedpeepefpegpehpeipejpekpelpempeopeppeqpespevpexpeypezpfapfepflpgapgdpggpgi",
    "pgkpglpgnpgspgupgypgzphaphdphgphhphiphjphkphlphmphnphophqphrphtphuphvphwpiapibpicpidpiepifpigpih",
    "piipijpilpimpinpiopippirpispitpiupivpiwpixpiypizpjtpkapkbpkcpkgpkhpknpkopkppkrpkspktpkuplaplbplc",
    "pldpleplfplgplhpljplkpllplnploplpplqplrplspltpluplvplwplyplzpmapmbpmcpmdpmepmfpmhpmipmjpmkpmlpmm",
    "pmnpmopmqpmrpmspmtpmupmwpmxpmypmzpnapnbpncpndpnepngpnhpnipnjpnkpnlpnmpnnpnopnppnqpnrpnspntpnupnv",
    "pnwpnxpnypnzpocpodpoepofpogpohpoipokpomponpoopoppoqpospotpovpowpoxpoypozppappeppippkpplppmppnppo",
    "pppppqpprppspptppupqapqepqmpqwpraprbprcprdpreprfprgprhpriprkprlprmprnproprpprqprrprsprtpruprwprx",
    "pryprzpsapscpsdpsepsgpshpsipslpsmpsnpsopsppsqpsrpsspstpsupswpsyptapthptiptnptoptpptqptrpttptuptv",
    "ptwptypuapubpucpudpuepufpugpuipujpukpumpuopuppuqpurputpuupuwpuxpuypuzpwapwbpwgpwipwmpwnpwopwrpww",
    "pxmpyepympynpyspyupyxpyypzepzhpznquaqubqucqudqufqugquhquiqukqulqumqunqupquqqurqusquvquwquxquyquz",
    "qvaqvcqveqvhqviqvjqvlqvmqvnqvoqvpqvsqvwqvyqvzqwaqwcqweqwhqwmqwsqwtqxaqxcqxhqxlqxnqxoqxpqxqqxrqxs",
    "qxtqxuqxwqyaqypraarabracradrafragrahrairajrakralramranraorapraqrarrasratrauravrawraxrayrazrbbrbk",
    "rblrbprcfrdbrearebreeregreirejrelremrenrerresretreyrgargergkrgnrgrrgsrgurhgrhpriaribrierifrilrim",
    "rinrirritriurjgrjirjsrkarkbrkhrkirkmrktrkwrmarmbrmcrmdrmermfrmgrmhrmirmkrmlrmmrmnrmormprmqrmrrms",
    "rmtrmurmvrmwrmxrmyrmzrnarnbrndrngrnlrnnrnprnrrnwroarobrocrodroerofrogrolromrooroprorrourowrpnrpt",
    "rrirrmrrorrtrsbrsirskrslrsmrsnrswrtcrthrtmrtsrtwrubrucruerufrugruhruirukruorupruqrutruuruyruzrwa",
    "rwkrwlrwmrworwrrxdrxwrynrysryurzhsaasabsacsadsaesafsahsaisajsaksalsamsaosapsaqsarsassatsausavsaw",
    "saxsaysazsbasbbsbcsbdsbesbfsbgsbhsbisbjsbksblsbmsbnsbosbpsbqsbrsbssbtsbusbvsbwsbxsbysbzscascbsce",
    "scfscgschsciscksclscnscoscpscqscssctscuscvscwscxsdasdbsdcsdesdfsdgsdhsdjsdksdlsdmsdnsdosdpsdqsdr",
    "sdssdtsdusdvsdxsdzseasebsecsedseesefsegsehseisejsekselsemsenseosepseqsersessetseusevsewseysezsfb",
    "sfesfmsfssfwsgasgbsgcsgdsgesggsghsgisgjsgksglsgmsgnsgosgpsgrsgssgtsgusgwsgxsgysgzshashbshcshdshe",
    "shgshhshishjshkshlshmshnshoshpshqshrshsshtshushvshwshxshyshzsiasibsidsiesifsigsihsiisijsiksilsim",
    "siosipsiqsirsissitsiusivsiwsixsiysizsjasjbsjcsjdsjesjgsjksjlsjmsjnsjosjpsjrsjssjtsjusjwskaskbskc",
    "skdskeskfskgskhskiskjskkskmsknskoskpskqskrskssktskuskvskwskxskyskzslaslcsldsleslfslgslhslisljsll",
    "slmslnslpslqslrslssltsluslwslxslyslzsmasmbsmcsmdsmfsmgsmhsmismjsmksmlsmmsmnsmpsmqsmrsmssmtsmusmv",
    "smwsmxsmysmzsnbsncsnesnfsngsnhsnisnjsnksnlsnmsnnsnosnpsnqsnrsnssnusnvsnwsnxsnysnzsoasobsocsodsoe",
    "sogsohsoisojsoksolsonsoosopsoqsorsossousovsowsoxsoysozspbspcspdspespgspispksplspmspnsposppspqspr",
    "spssptspuspvspxspysqasqhsqjsqksqmsqnsqosqqsqrsqssqtsqusqxsrasrbsrcsresrfsrgsrhsrisrksrlsrmsrnsro",
    "srqsrrsrssrtsrusrvsrwsrxsrysrzssassbsscssdssessfssgsshssissjssksslssmssnssosspssqssrssssstssussv",
    "ssxssysszstastbstdstestfstgsthstistjstkstlstmstnstostpstqstrstssttstustvstwstysuasubsucsuesugsui",
    "sujsuksulsumsuosuqsursussutsuvsuwsuxsuysuzsvasvbsvcsvesvksvmsvrsvssvxswbswcswfswgswhswiswjswkswl",
    "swmswnswoswpswqswrswsswtswuswvswwswxswysxbsxcsxesxgsxksxlsxmsxnsxosxrsxssxusxwsyasybsycsydsyisyk",
    "sylsymsynsyosyrsyssywsyxsyyszaszbszcszdszeszgszlsznszpszsszvszwszytaatabtactadtaetaftagtaitajtak",
    "taltantaotaptaqtartastautavtawtaxtaytaztbatbbtbctbdtbetbftbgtbhtbitbjtbktbltbmtbntbotbptbqtbrtbs",
    "tbttbutbvtbwtbxtbytbztcatcbtcctcdtcetcftcgtchtcitcktcltcmtcntcotcptcqtcstcttcutcwtcxtcytcztdatdb",
    "tdctddtdetdftdgtdhtditdjtdktdltdmtdntdotdqtdrtdstdttdutdvtdxtdyteatebtectedteeteftegtehteitektem",
    "tenteotepteqtertestetteutevtewtexteyteztfitfntfotfrtfttgatgbtgctgdtgetgftggtghtgitgjtgntgotgptgq",
    "tgrtgstgttgutgvtgwtgxtgytgzthcthdthethfthhthithkthlthmthnthpthqthrthsthtthuthvthwthxthythztiatic",
    "tidtietiftigtihtiitijtiktiltimtintiotiptiqtistittiutivtiwtixtiytiztjatjgtjitjjtjltjmtjntjotjptjs",
    "tjutjwtkatkbtkdtketkftkgtkktkltkmtkntkptkqtkrtkstkttkutkvtkwtkxtkztlatlbtlctldtlftlgtlhtlitljtlk",
    "tlltlmtlntlotlptlqtlrtlstlttlutlvtlwtlxtlytmatmbtmctmdtmetmftmgtmhtmitmjtmktmltmmtmntmotmptmqtmr",
    "tmstmttmutmvtmwtmytmztnatnbtnctndtnetnftngtnhtnitnktnltnmtnntnotnptnqtnrtnstnttnutnvtnwtnxtnytnz",
    "tobtoctodtoetoftogtohtoitojtoktoltomtootoptoqtortostoutovtowtoxtoytoztpatpctpetpftpgtpitpjtpktpl",
    "tpmtpntpotpptpqtprtpttputpvtpwtpxtpytpztqbtqltqmtqntqotqptqqtqrtqttqutqwtratrbtrctrdtretrftrgtrh",
    "tritrjtrktrltrmtrntrotrptrqtrrtrstrttrutrvtrwtrxtrytrztsatsbtsctsdtsetsftsgtshtsitsjtsktsltsmtsp",
    "tsqtsrtsststtsutsvtswtsxtsytszttattbttcttdttettfttgtthttittjttkttlttmttnttottpttqttrttstttttuttv",
    "ttwttyttztuatubtuctudtuetuftugtuhtuitujtultumtuntuotuptuqtustuttuutuvtuwtuxtuytuztvatvdtvetvitvk",
    "tvltvmtvntvotvstvttvutvwtvxtvytwatwbtwctwdtwetwftwgtwhtwltwmtwntwotwptwqtwrtwttwutwwtwxtwytxatxb",
    "txctxetxgtxhtxitxjtxmtxntxotxqtxrtxstxttxutxxtxytyatyetyhtyityjtyltyntyptyrtystyttyutyvtyxtyytyz",
    "tzatzhtzjtzltzmtzntzotzxuamuanuarubaubiublubrubuubyudaudeudgudiudjudludmuduuesufiugaugbugeughugn",
    "ugougyuhauhnuisuivujiukaukgukhukiukkuklukpukquksukuukvukwukyulaulbulculeulfuliulkullulmulnuluulw",
    "ulyumaumbumcumdumgumiummumnumoumpumrumsumuunaunduneunguniunkunmunnunpunrunuunxunzuokuonupiupvura",
    "urburcureurfurgurhuriurjurkurlurmurnurourpurrurturuurvurwurxuryurzusaushusiuskuspussusuutauteuth",
    "utputrutuuumuunuuruuuuveuvhuvluwauyauznuzsvaavaevafvagvahvaivajvalvamvanvaovapvarvasvauvavvayvbb",
    "vbkvecvedvelvemveovepvervgrvgtvicvidvifvigvilvinvisvitvivvjkvkavkivkjvkkvklvkmvknvkovkpvktvkuvkz",
    "vlpvlsvmavmbvmcvmdvmevmfvmgvmhvmivmjvmkvmlvmmvmpvmqvmrvmsvmuvmvvmwvmxvmyvmzvnkvnmvnpvorvotvravro",
    "vrsvrtvsivslvsnvsvvtovumvunvutvwawaawabwacwadwaewafwagwahwaiwajwakwalwamwanwaowapwaqwarwaswatwau",
    "wavwawwaxwaywazwbawbbwbewbfwbhwbiwbjwbkwblwbmwbpwbqwbrwbswbtwbvwbwwcawciwddwdgwdjwdkwdtwduwdywea",
    "wecwedwegwehweiwemwenweowepwerweswetweuwewwfgwgawgbwggwgiwgowguwgwwgywhawhgwhkwhuwibwicwiewifwig",
    "wihwiiwijwikwilwimwinwirwitwiuwivwiwwiywjawjiwkawkbwkdwklwkrwkuwkwwkywlawlcwlewlgwlhwliwlkwllwlm",
    "wlowlrwlswluwlvwlwwlxwlywmawmbwmcwmdwmewmgwmhwmiwmmwmnwmowmswmtwmwwmxwnbwncwndwnewngwniwnkwnmwnn",
    "wnownpwnuwnwwnywoawobwocwodwoewofwogwoiwokwomwonwooworwoswowwoywpcwrawrbwrdwrgwrhwriwrkwrlwrmwrn",
    "wrowrpwrrwrswruwrvwrwwrxwrywrzwsawsgwsiwskwsrwsswsuwsvwtbwtfwthwtiwtkwtmwtwwuawubwudwuhwulwumwun",
    "wurwutwuuwuvwuxwuywwawwbwwowwrwwwwxawxwwyawybwyiwymwynwyrwyyxaaxabxacxadxaexagxaixajxakxalxamxan",
    "xaoxapxaqxarxasxatxauxavxawxayxbaxbbxbcxbdxbexbgxbixbjxbmxbnxboxbpxbrxbwxbxxbyxcbxccxcexcgxchxcl",
    "xcmxcnxcoxcrxctxcuxcvxcwxcyxdaxdcxdkxdmxdoxdqxdyxebxedxegxelxemxepxerxesxetxeuxfaxgaxgbxgdxgfxgg",
    "xgixglxgmxgnxgrxguxgwxhaxhcxhdxhexhmxhrxhtxhuxhvxiaxibxiixilxinxipxirxisxivxiyxjbxjtxkaxkbxkcxkd",
    "xkexkfxkgxkhxkixkjxkkxklxknxkoxkpxkqxkrxksxktxkuxkvxkwxkxxkyxkzxlaxlbxlcxldxlexlgxlixlnxloxlpxls",
    "xluxlyxmaxmbxmcxmdxmexmfxmgxmhxmjxmkxmlxmmxmnxmoxmpxmqxmrxmsxmtxmuxmvxmwxmxxmyxmzxnaxnbxndxngxnh",
    "xnixnjxnkxnmxnnxnoxnqxnrxnsxntxnuxnyxnzxocxodxogxoixokxomxonxooxopxorxowxpaxpbxpcxpdxpexpfxpgxph",
    "xpixpjxpkxplxpmxpnxpoxppxpqxprxpsxptxpuxpvxpwxpxxpyxpzxqaxqtxraxrbxrdxrexrgxrixrmxrnxrqxrrxrtxru",
    "xrwxsaxsbxscxsdxsexshxsixsjxslxsmxsnxsoxspxsqxsrxssxsuxsvxsyxtaxtbxtcxtdxtextgxthxtixtjxtlxtmxtn",
    "xtoxtpxtqxtrxtsxttxtuxtvxtwxtyxtzxuaxubxudxugxujxulxumxunxuoxupxurxutxuuxvexvixvnxvoxvsxwaxwcxwd",
    "xwexwgxwjxwkxwlxwoxwrxwtxwwxxbxxkxxmxxrxxtxyaxybxyjxykxylxytxyyxzhxzmxzpyaayabyacyadyaeyafyagyah",
    "yaiyajyakyalyamyanyaoyapyaqyaryasyatyauyavyawyaxyayyazybaybbybdybeybhybiybjybkyblybmybnyboybxyby",
    "ychyclycnycpycrydayddydeydgydkydsyeayecyeeyeiyejyelyenyeryesyetyeuyevyeyygaygiyglygmygpygrygsygu",
    "ygwyhayhdyhlyhsyiayifyigyihyiiyijyikyilyimyinyipyiqyiryisyityiuyivyixyiyyizykaykgykhykiykkyklykm",
    "yknykoykryktykuykyylaylbyleylgyliyllylmylnyloylryluylyymaymbymcymdymeymgymhymiymkymlymmymnymoymp",
    "ymqymrymsymtymxymzynaynbyndyneyngynhynkynlynnynoynqynsynuyobyogyoiyokyolyomyonyosyotyoxyoyypaypb",
    "ypgyphypkypmypnypoyppypzyrayrbyreyriyrkyrlyrmyrnyroyrsyrwyryyscysdysgyslysmysnysoyspysryssysyyta",
    "ytlytpytwytyyuayubyucyudyueyufyugyuiyujyukyulyumyunyupyuqyuryutyuuyuwyuxyuyyuzyvayvtywaywgywlywn",
    "ywqywrywtywuywwyxayxgyxlyxmyxuyxyyyryyuyyzyzgyzkzaazabzaczadzaezafzagzahzaizajzakzalzamzaozapzaq",
    "zarzaszatzauzavzawzaxzayzazzbazbczbezblzbtzbuzbwzcazcdzchzdjzeazegzehzemzenzgazgbzghzgmzgnzgrzhb",
    "zhdzhizhnzhwzhxziazibzikzilzimzinzirziwzizzkazkbzkdzkgzkhzkkzknzkozkpzkrzktzkuzkvzkzzlazlezljzlm",
    "zlnzlqzlszluzlwzmazmbzmczmdzmezmfzmgzmhzmizmjzmkzmlzmmzmnzmozmpzmqzmrzmszmtzmuzmvzmwzmxzmyzmzzna",
    "zndznezngznkznszoczohzomzoozoqzorzoszpazpbzpczpdzpezpfzpgzphzpizpjzpkzplzpmzpnzpozppzpqzprzpszpt",
    "zpuzpvzpwzpxzpyzpzzqezrazrgzrnzrozrpzrszsazskzslzsmzsrzsuzteztgztlztmztnztpztqztszttztuztxztyzua",
    "zuhzumzunzuyzwazxxzybzygzyjzynzypzzazzj",
);

/// Whether `lang` (a `lang` attribute value) starts with a primary language subtag that the
/// IANA registry knows, which is what the ACT rules call a *valid language tag*. Only the
/// primary subtag is checked: `en-US-GB` is valid for ACT, `eng` (ISO 639-2, not in the
/// registry because `en` exists) and `i-lux` (grandfathered) are not.
pub fn has_valid_primary_subtag(lang: &str) -> bool {
    let primary = lang
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .split('-')
        .next()
        .unwrap_or("");
    is_registered_language(primary)
}

/// Whether `subtag` is a registered primary language subtag (case-insensitive).
pub fn is_registered_language(subtag: &str) -> bool {
    if !subtag.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = subtag.to_ascii_lowercase();
    match lower.len() {
        2 => in_fixed_width_list(TWO_LETTER, &lower),
        3 => in_private_use_range(&lower) || in_fixed_width_list(THREE_LETTER, &lower),
        _ => false,
    }
}

/// The registry's `qaa..qtz` range, reserved for private use but of type language.
fn in_private_use_range(code: &str) -> bool {
    let b = code.as_bytes();
    b[0] == b'q' && (b'a'..=b't').contains(&b[1])
}

/// Binary search in a sorted concatenation of codes of `code.len()` bytes each.
fn in_fixed_width_list(list: &str, code: &str) -> bool {
    let width = code.len();
    let count = list.len() / width;
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = (low + high) / 2;
        let slot = &list[mid * width..(mid + 1) * width];
        match slot.cmp(code) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_fixed_width() {
        for (list, width) in [(TWO_LETTER, 2), (THREE_LETTER, 3)] {
            assert_eq!(list.len() % width, 0);
            let codes: Vec<&str> = (0..list.len() / width)
                .map(|i| &list[i * width..(i + 1) * width])
                .collect();
            assert!(codes.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn registered_primary_subtags() {
        for ok in [
            "en",
            "FR",
            "lb",
            "fr-CH",
            "en-US-GB",
            "haw",
            "zh-Hant",
            "qab",
            "sgn-BE-FR",
        ] {
            assert!(has_valid_primary_subtag(ok), "{ok}");
        }
        for bad in [
            "eng",
            "em-US",
            "#1",
            "i-lux",
            "dutch",
            "English",
            "",
            "  ",
            "x-private",
            "e",
            "zz",
        ] {
            assert!(!has_valid_primary_subtag(bad), "{bad}");
        }
    }
}
