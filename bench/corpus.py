"""Phrases for bench/seed.py's realistic tickets: subjects and messages per category and language.

Placeholders filled by the seed: {game} {amount} {method} {code} {err} {bank} {city} {day}.
"""

from __future__ import annotations

CATEGORIES = (
    "account_access",
    "security",
    "payments",
    "verification",
    "bonus",
    "technical",
    "responsible_gambling",
    "general",
)

# PHRASES[language][category][kind] -> tuple of strings; language "en" or "fr";
# kind: "subject" (5 to 10 words), "player" (the player's first message, 1 to 4 sentences),
# "agent" (an agent's reply, 1 to 3 sentences, polite, signed by nobody),
# "followup" (the player's next message, 1 to 2 sentences).
PHRASES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "account_access": {
            "subject": (
                "Cannot log in to my account",
                "Password reset email never arrived",
                "Account locked after too many attempts",
                "Two-factor code not working at login",
                "Forgot both my password and username",
                "Login keeps failing since {day}",
                "Can't access my account from {city}",
                "Need help changing my account email address",
            ),
            "player": (
                (
                    "Hi, I can't log in to my account. It keeps saying the password is wrong but "
                    "I'm sure it's right. Can you help?"
                ),
                (
                    "I requested a password reset three times and never got the email. I checked "
                    "my spam folder too."
                ),
                (
                    "My account got locked after I typed the wrong password a few times. How long "
                    "until I can try again?"
                ),
                (
                    "The two-factor code I get by SMS is always expired by the time I enter it. "
                    "I've been stuck since {day}."
                ),
                (
                    "I'm travelling in {city} and now the site says my account is blocked from "
                    "this location. I just want to check my balance."
                ),
                (
                    "I changed phones and lost my authenticator app. Now I can't get into my "
                    "account at all."
                ),
                (
                    "hey so i forgot my username AND my password lol. my email is the same one as "
                    "always, can you reset it"
                ),
                (
                    "I'd like to change the email address on my account because the old one was "
                    "closed along with my {bank} account."
                ),
            ),
            "agent": (
                (
                    "Thank you for reaching out. We have sent a new password reset link to the "
                    "email on file; please check your spam folder if it does not arrive within a "
                    "few minutes."
                ),
                (
                    "Your account was temporarily locked for security reasons after several failed "
                    "attempts. The lock has now been lifted and you can log in again."
                ),
                (
                    "We have reset the two-factor authentication on your account. At your next "
                    "login you will be asked to set it up again."
                ),
                (
                    "For your security, we need to confirm your identity before changing the email "
                    "address. Could you please reply with your date of birth and the amount of "
                    "your last deposit?"
                ),
                (
                    "Access from some locations is restricted by the terms of our licence. Once "
                    "you are back in an eligible province, your account will work normally."
                ),
                (
                    "Thanks for your patience. Please clear your browser cache and try logging in "
                    "again with the new password."
                ),
                (
                    "I have checked your account and everything looks in order on our side. Could "
                    "you tell us which error message you see when you try to log in?"
                ),
            ),
            "followup": (
                "Got the email, thanks. I'm back in.",
                "Still not working, the reset link says it has expired.",
                "It worked on my phone but not on my laptop, weird.",
                "Thanks, I set up the authenticator again and it's fine now.",
                "I didn't get any email again. Can you check the address you have on file?",
                "My last deposit was with {method} I think, around ${amount}.",
                "Perfect, thanks for the quick help.",
            ),
        },
        "security": {
            "subject": (
                "Someone else logged into my account",
                "Suspicious login alert that was not me",
                "Possible phishing email pretending to be you",
                "Please lock my account right away",
                "Unknown withdrawal request on my account",
                "Password changed without my permission",
                "Got a login alert from {city} today",
                "Is this text message really from your team",
            ),
            "player": (
                (
                    "I got an email saying someone logged in from {city}, but I have never been "
                    "there. Please lock my account now."
                ),
                (
                    "My password was changed and it wasn't me. Luckily I still have access to my "
                    "email."
                ),
                (
                    "There is a withdrawal request of ${amount} to {method} that I did not make. "
                    "Please cancel it immediately!"
                ),
                (
                    "I received a text asking me to confirm my card details through a link. Is "
                    "that really from you guys?"
                ),
                (
                    "I think my account was hacked. My balance is gone and I see bets on {game} "
                    "that I never placed."
                ),
                (
                    "Can you tell me which devices are connected to my account? I want to log out "
                    "everywhere."
                ),
                "my ex knows my password, how do i secure my account?",
            ),
            "agent": (
                (
                    "Thank you for alerting us. We have locked your account and cancelled the "
                    "pending withdrawal while our security team investigates."
                ),
                (
                    "That message was not sent by us. We never ask for your card details or "
                    "password by text or email; please delete it and do not click the link."
                ),
                (
                    "We have signed out all active sessions and reset your password. Please enable "
                    "two-factor authentication in your account settings for extra protection."
                ),
                (
                    "Our security team is reviewing the recent activity on your account. We will "
                    "contact you by email within 24 hours with the outcome."
                ),
                (
                    "As a precaution, please also change the password of your email account, since "
                    "it is linked to your casino account."
                ),
                (
                    "The login from {city} was blocked automatically and no funds have left your "
                    "account."
                ),
                (
                    "We recommend using a unique password for your account and never sharing your "
                    "login details with anyone."
                ),
            ),
            "followup": (
                "Thank you, I changed my email password too.",
                "Any news from the security team? It's been two days.",
                "Did the ${amount} come back to my balance?",
                "OK, I turned on two-factor. Can you unlock the account now?",
                "Glad it was blocked, that really scared me.",
                "I got another weird email today, I'll forward it to you.",
            ),
        },
        "payments": {
            "subject": (
                "Withdrawal still pending after three days",
                "Deposit of ${amount} not showing in my balance",
                "{method} withdrawal rejected with no reason given",
                "When will my cashout finally be processed",
                "Charged twice for the same deposit",
                "Can I withdraw directly to {bank}",
                "Question about minimum withdrawal amount and fees",
                "Withdrawal requested on {day} still not received",
            ),
            "player": (
                (
                    "I requested a withdrawal of ${amount} by {method} on {day} and it's still "
                    "pending. How long does it usually take?"
                ),
                (
                    "I made a deposit of ${amount} with {method}, the money left my {bank} account "
                    "but my balance hasn't changed."
                ),
                (
                    "My withdrawal was rejected and I didn't get any explanation. I've already "
                    "wagered my deposit, so what's the problem?"
                ),
                (
                    "Hi, can I withdraw straight to my {bank} account by bank transfer, or do I "
                    "have to use {method}?"
                ),
                "I was charged twice for one deposit of ${amount}. Please refund the duplicate.",
                "Why is there a fee on my withdrawal? Nobody told me about that when I deposited.",
                (
                    "whats the max i can cashout per week? i won ${amount} on {game} and want it "
                    "all out"
                ),
                (
                    "My deposit with {method} keeps failing with no message. I've tried three "
                    "times since {day}."
                ),
            ),
            "agent": (
                (
                    "Thank you for your patience. Your withdrawal of ${amount} has been approved "
                    "and sent via {method}; it usually arrives within 1 to 3 business days."
                ),
                (
                    "We can see the deposit on our side and it has now been credited to your "
                    "balance. Sorry for the delay."
                ),
                (
                    "Your withdrawal was declined because it must go back to the same method used "
                    "for your deposit. Please request it again using {method}."
                ),
                (
                    "Withdrawals are processed in the order received and pending requests are "
                    "reviewed within 24 hours. We have asked the payments team to prioritise "
                    "yours."
                ),
                (
                    "The duplicate charge is a pending authorisation from {bank} and should "
                    "disappear within 5 business days. If it does not, please send us a bank "
                    "statement."
                ),
                (
                    "The weekly withdrawal limit on your account is ${amount}. Any amount above it "
                    "will be paid out over the following weeks."
                ),
                (
                    "Before we can process this withdrawal, your account verification must be "
                    "completed. Please upload your documents from the Verification page."
                ),
            ),
            "followup": (
                "Received it today, thank you!",
                "Still nothing in my {bank} account. Can you send me a transaction reference?",
                "OK, I sent a new request with {method}.",
                "It's been five days now. This is getting ridiculous.",
                "Thanks, the deposit shows up now.",
                "Why do you need documents now? I've withdrawn before without any problem.",
                "Can you split the withdrawal so I get part of it this week?",
            ),
        },
        "verification": {
            "subject": (
                "Documents uploaded but account still not verified",
                "Why was my ID rejected again",
                "Proof of address not accepted for verification",
                "How long does account verification usually take",
                "Which documents do you need from me",
                "Verification blocking my withdrawal since {day}",
                "Bank statement from {bank} rejected as proof",
            ),
            "player": (
                (
                    "I uploaded my driver's licence and a utility bill on {day}, but my account "
                    "still says unverified."
                ),
                (
                    "You rejected my ID saying the photo is blurry. I took it three times, what "
                    "exactly is wrong?"
                ),
                (
                    "My proof of address is a {bank} statement, but you say it's not valid. I live "
                    "in {city} and that's the only mail I get."
                ),
                "How long does the verification take? I need it done to get my withdrawal.",
                (
                    "Which documents do you need exactly? I don't want to send everything again "
                    "for nothing."
                ),
                (
                    "I moved to {city} last month so my ID still shows my old address. What can I "
                    "send instead?"
                ),
                "why do you need a selfie with my ID?? this is a lot just to cash out",
            ),
            "agent": (
                (
                    "Thank you for your documents. Your account is now fully verified and you can "
                    "request withdrawals without restriction."
                ),
                (
                    "We were unable to accept the document because the four corners were not "
                    "visible. Please upload a new photo showing the full document in good light."
                ),
                (
                    "Proof of address must be dated within the last three months and show your "
                    "full name and address. A bank statement, utility bill or government letter is "
                    "accepted."
                ),
                (
                    "Verification is usually completed within 24 to 48 hours after all documents "
                    "are received. We will notify you by email once it is done."
                ),
                (
                    "To verify your account, we need a valid government photo ID, a proof of "
                    "address and, for card deposits, a photo of the card with the middle digits "
                    "hidden."
                ),
                (
                    "The selfie with your ID is a regulatory requirement that protects your "
                    "account from fraud. It is used only for verification."
                ),
                (
                    "Since your ID shows a previous address, a recent bank statement or utility "
                    "bill in {city} will be enough as proof of address."
                ),
            ),
            "followup": (
                "Uploaded a new photo, hope this one is OK.",
                "It's been 48 hours and still nothing. Can someone check?",
                "My statement is from last month, it should be fine now.",
                "Great, thanks! Withdrawal requested.",
                "Do I also need to send the back of my card?",
                "ok sent the selfie, please hurry, I'm waiting on my money",
            ),
        },
        "bonus": {
            "subject": (
                "Bonus code {code} is not working",
                "Welcome bonus was not credited to my account",
                "Free spins on {game} have disappeared",
                "Question about wagering requirements for my bonus",
                "Can I cancel my active bonus please",
                "Winnings removed after my bonus expired",
                "Promo code {code} says invalid or expired",
            ),
            "player": (
                "I entered the code {code} when I deposited but no bonus was added to my account.",
                "I was supposed to get 50 free spins on {game} and they're not there anymore.",
                (
                    "How much do I still need to wager before I can withdraw? The bonus page is "
                    "confusing."
                ),
                (
                    "I'd like to cancel my bonus, I'd rather withdraw my real money balance. Is "
                    "that possible?"
                ),
                (
                    "You took my winnings because the bonus expired. Nobody told me there was a "
                    "time limit!"
                ),
                (
                    "The code {code} from your email says invalid. I'm logged in and I deposited "
                    "the minimum."
                ),
                "do i have to use the bonus on {game} only or can i play other slots too",
                "I got the reload bonus but now my max bet is limited. Why?",
            ),
            "agent": (
                (
                    "We have manually credited the bonus linked to code {code} to your account. "
                    "Apologies for the inconvenience."
                ),
                (
                    "The free spins on {game} are valid for 7 days after they are credited. We "
                    "have reissued them to your account as a one-time courtesy."
                ),
                (
                    "You can see your remaining wagering under My Account, then Bonuses. Only "
                    "real-money bets count towards the requirement."
                ),
                (
                    "You can cancel an active bonus from the Bonuses page; please note that any "
                    "bonus funds and related winnings will be removed."
                ),
                (
                    "The code {code} requires a minimum deposit and can be used only once per "
                    "account. Your deposit was below the minimum, so the bonus was not applied."
                ),
                (
                    "While a bonus is active, the maximum bet is limited under the bonus terms. "
                    "The limit is lifted once the wagering is complete."
                ),
                (
                    "Bonus terms, including the expiry date, are shown on the promotion page and "
                    "in the confirmation email. We are sorry this was not clear."
                ),
            ),
            "followup": (
                "Thanks, I see the bonus now.",
                "The spins are back, cheers.",
                "So if I cancel, do I keep my deposit?",
                "I never got that email about the terms.",
                "OK, I'll try the code {code} again with my next deposit.",
                "How much is left to wager exactly? The page still shows 0%.",
            ),
        },
        "technical": {
            "subject": (
                "{game} freezes during the bonus round",
                "Error {err} every time I open a game",
                "Game crashed and my bet disappeared",
                "Site not loading on my phone anymore",
                "Live table disconnects every few minutes",
                "App shows error {err} after the update",
                "Spin result was not added to my balance",
            ),
            "player": (
                (
                    "{game} froze in the middle of the free spins and when I reloaded my balance "
                    "was lower. What happened to my winnings?"
                ),
                "Every time I open a game I get error {err}. I tried Chrome and Firefox.",
                (
                    "I was playing {game} and it crashed right after I placed a bet. The money was "
                    "taken but the round never finished."
                ),
                "The site won't load on my iPhone since {day}. Just a white screen.",
                "The live dealer table keeps disconnecting, I've lost two hands because of it.",
                "after the update the app says error {err} and closes. phone is a samsung",
                (
                    "My balance shows a different amount in the app and on the website. Which one "
                    "is right?"
                ),
            ),
            "agent": (
                (
                    "Thank you for the details. We checked the game history and the round on "
                    "{game} was completed; the winnings were added to your balance at the end of "
                    "the round."
                ),
                (
                    "Error {err} is usually caused by an outdated browser cache. Please clear your "
                    "cache and cookies, then try again."
                ),
                (
                    "We have forwarded the round ID to the game provider for review. We will "
                    "update you as soon as we receive their report, usually within 48 hours."
                ),
                (
                    "We are aware of an issue affecting some mobile devices and our technical team "
                    "is working on a fix. Thank you for your patience."
                ),
                (
                    "Could you please send us a screenshot of the error and tell us which device "
                    "and browser you are using?"
                ),
                (
                    "The unfinished round has been settled by the provider and your bet has been "
                    "refunded to your account."
                ),
                (
                    "Please make sure your app is updated to the latest version; if error {err} "
                    "continues, reinstalling the app should resolve it."
                ),
            ),
            "followup": (
                "Clearing the cache fixed it, thanks.",
                "Still getting error {err}, even on another browser.",
                "Screenshot attached. It's an Android phone with Chrome.",
                "I see the refund now, thank you.",
                "Any update from the provider about {game}?",
                "It happened again tonight on the same game.",
            ),
        },
        "responsible_gambling": {
            "subject": (
                "Please set a deposit limit on my account",
                "I want to self-exclude for six months",
                "Need a cool-off period starting today",
                "I think I am losing control",
                "Please lower my weekly loss limit",
                "My wife is worried about my gambling",
                "How do I close my account permanently",
            ),
            "player": (
                (
                    "I would like to set a daily deposit limit of ${amount}. I've been spending "
                    "more than I can afford."
                ),
                "Please self-exclude me for six months. I don't want to be able to log in at all.",
                (
                    "I've been chasing my losses all week and I need a break. Can you put a "
                    "cool-off on my account?"
                ),
                (
                    "My wife found my bank statements and she's really worried. Honestly, so am I. "
                    "What can I do?"
                ),
                (
                    "I keep depositing again every time I lose and I can't stop. I don't know who "
                    "else to talk to."
                ),
                (
                    "Can you lower my weekly loss limit to ${amount}? The current one is way too "
                    "high for me."
                ),
                "I want my account closed for good, and please stop sending me promotions.",
            ),
            "agent": (
                (
                    "Thank you for reaching out, it takes courage. Your deposit limit of ${amount} "
                    "per day is now active, and any increase will only take effect after 7 days."
                ),
                (
                    "We have applied a six-month self-exclusion to your account, and it cannot be "
                    "reversed before the end of that period. You will no longer receive any "
                    "marketing from us."
                ),
                (
                    "A cool-off period is now set on your account, so you will not be able to "
                    "deposit or play until it ends. If you need to talk to someone, your "
                    "provincial gambling helpline is free, confidential and open 24 hours a day."
                ),
                (
                    "We are sorry to hear you are going through this. We can set deposit, loss and "
                    "session limits or a self-exclusion right away, and free confidential help is "
                    "available from your provincial gambling helpline."
                ),
                (
                    "Your weekly loss limit has been lowered to ${amount} with immediate effect. "
                    "You can also set session reminders from the Responsible Gambling page."
                ),
                (
                    "Your account is now permanently closed and you have been removed from all "
                    "marketing lists. If you ever want support, Gamblers Anonymous and your "
                    "provincial helpline are there for you."
                ),
                (
                    "Family members can get support too; your provincial gambling helpline offers "
                    "free and confidential advice to partners and relatives."
                ),
            ),
            "followup": (
                "Thank you. It's a relief to have it done.",
                "Can you confirm I won't receive any more emails?",
                "I'll call the helpline tomorrow. Thanks for being kind about it.",
                "Is there a way to make the limit even lower?",
                "My wife and I talked. Please go ahead with the self-exclusion.",
                "Thanks. Please also block any other account I might have.",
            ),
        },
        "general": {
            "subject": (
                "Question about my account balance history",
                "How do I change my account currency",
                "Is the VIP program available in Canada",
                "Request for my full transaction history",
                "Can I change my username please",
                "Feedback about the new lobby design",
                "Is your site available in French too",
            ),
            "player": (
                (
                    "Hi, can I get a full history of my deposits and withdrawals for the past "
                    "year? I need it for my records."
                ),
                "How do I join the VIP program? I've been playing here for almost two years.",
                "Is it possible to switch my account currency from USD to CAD?",
                "I'd like to change my username, the one I picked years ago is embarrassing.",
                (
                    "Just wanted to say the new lobby is much easier to use. Finding {game} takes "
                    "two clicks now."
                ),
                (
                    "Do you have support in French? My father wants to play but his English is not "
                    "great."
                ),
                (
                    "Are winnings taxable in Canada? I won ${amount} on {game} and I'm not sure if "
                    "I need to declare it."
                ),
            ),
            "agent": (
                (
                    "Thank you for your message. Your full transaction history can be downloaded "
                    "from My Account, then History; we can also email it to you if you prefer."
                ),
                (
                    "Our VIP team reviews accounts regularly based on activity. I have passed your "
                    "details to them and they will contact you by email."
                ),
                (
                    "Account currency cannot be changed once a deposit has been made, but we can "
                    "open a new account in CAD and close the current one if you wish."
                ),
                (
                    "Usernames cannot be changed for security reasons, but your display name in "
                    "the lobby can be updated from your profile."
                ),
                "Thank you for the kind feedback, I have shared it with our product team.",
                (
                    "Yes, our support team answers in French by live chat and email, and the site "
                    "can be switched to French from the menu."
                ),
                (
                    "We cannot give tax advice, but we recommend checking with the Canada Revenue "
                    "Agency or a tax professional."
                ),
            ),
            "followup": (
                "Great, please email it to me.",
                "Thanks, I'll wait for the VIP team then.",
                "OK, please open a new CAD account for me.",
                "Good to know, thanks for the quick answer.",
                "Alright, I'll ask my accountant.",
                "Perfect, I'll let my father know.",
            ),
        },
    },
    "fr": {
        "account_access": {
            "subject": (
                "Impossible de me connecter à mon compte",
                "Courriel de réinitialisation du mot de passe jamais reçu",
                "Compte bloqué après trop de tentatives",
                "Le code reçu par texto ne marche pas",
                "J'ai oublié mon mot de passe encore",
                "Connexion impossible à mon compte depuis {day}",
                "Changer l'adresse courriel liée à mon compte",
                "Pas capable d'accéder à mon compte à {city}",
            ),
            "player": (
                (
                    "Bonjour, je suis pas capable de me connecter à mon compte. Le site dit que "
                    "mon mot de passe est mauvais mais je suis certain qu'il est bon."
                ),
                (
                    "J'ai demandé un nouveau mot de passe trois fois pis j'ai jamais reçu le "
                    "courriel. J'ai regardé dans mes indésirables aussi."
                ),
                (
                    "Mon compte est bloqué après quelques essais. Combien de temps avant que je "
                    "puisse réessayer?"
                ),
                (
                    "Le code que je reçois par texto est toujours expiré quand je l'entre. Je suis "
                    "bloqué depuis {day}."
                ),
                (
                    "Je suis en voyage à {city} et le site dit que mon compte est bloqué dans "
                    "cette région. Je veux juste voir mon solde."
                ),
                (
                    "J'ai changé de cell et j'ai perdu mon app d'authentification. Je peux plus "
                    "rentrer dans mon compte pantoute."
                ),
                (
                    "allo j'ai oublie mon nom d'usager pis mon mot de passe, pouvez vous me reset "
                    "ca svp"
                ),
                (
                    "J'aimerais changer l'adresse courriel de mon compte, l'ancienne était liée à "
                    "mon compte chez {bank} que j'ai fermé."
                ),
            ),
            "agent": (
                (
                    "Merci de nous avoir écrit. Nous vous avons envoyé un nouveau lien de "
                    "réinitialisation du mot de passe; vérifiez vos courriels indésirables s'il "
                    "n'arrive pas d'ici quelques minutes."
                ),
                (
                    "Votre compte a été bloqué temporairement par mesure de sécurité après "
                    "plusieurs tentatives. Le blocage est maintenant levé et vous pouvez vous "
                    "reconnecter."
                ),
                (
                    "Nous avons réinitialisé l'authentification à deux facteurs de votre compte. À "
                    "votre prochaine connexion, on vous demandera de la configurer de nouveau."
                ),
                (
                    "Pour votre sécurité, nous devons confirmer votre identité avant de modifier "
                    "l'adresse courriel. Pourriez-vous nous indiquer votre date de naissance et le "
                    "montant de votre dernier dépôt?"
                ),
                (
                    "L'accès est restreint dans certaines régions selon les conditions de notre "
                    "licence. Dès votre retour dans une province admissible, votre compte "
                    "fonctionnera normalement."
                ),
                (
                    "Merci de votre patience. Veuillez vider le cache de votre navigateur et "
                    "essayer de vous connecter avec le nouveau mot de passe."
                ),
                (
                    "J'ai vérifié votre compte et tout semble en ordre de notre côté. Quel message "
                    "d'erreur s'affiche lorsque vous tentez de vous connecter?"
                ),
            ),
            "followup": (
                "J'ai reçu le courriel, merci! Je suis rentré.",
                "Ça marche toujours pas, le lien dit qu'il est expiré.",
                "Ça fonctionne sur mon cell mais pas sur mon portable, bizarre.",
                "Merci, j'ai reconfiguré l'app pis tout est correct.",
                "J'ai encore rien reçu. Pouvez-vous vérifier l'adresse courriel dans mon dossier?",
                "Mon dernier dépôt c'était avec {method} je pense, autour de {amount} $.",
                "Parfait, merci pour l'aide rapide.",
            ),
        },
        "security": {
            "subject": (
                "Quelqu'un d'autre s'est connecté à mon compte",
                "Alerte de connexion suspecte, c'était pas moi",
                "Courriel d'hameçonnage qui se fait passer pour vous",
                "Bloquez mon compte tout de suite svp",
                "Retrait inconnu demandé sur mon compte",
                "Mot de passe changé sans mon autorisation",
                "Connexion suspecte détectée à {city} aujourd'hui",
                "Est-ce que ce texto vient vraiment de vous",
            ),
            "player": (
                (
                    "J'ai reçu un courriel qui dit que quelqu'un s'est connecté de {city}, mais "
                    "j'ai jamais mis les pieds là. Bloquez mon compte s'il vous plaît."
                ),
                (
                    "Mon mot de passe a été changé et c'est pas moi qui l'ai fait. J'ai encore "
                    "accès à mon courriel, heureusement."
                ),
                (
                    "Il y a une demande de retrait de {amount} $ vers {method} que j'ai jamais "
                    "faite. Annulez-la tout de suite!"
                ),
                (
                    "J'ai reçu un texto qui me demande de confirmer ma carte sur un lien. C'est-tu "
                    "vraiment vous autres?"
                ),
                (
                    "Je pense que mon compte a été piraté. Mon solde est à zéro pis je vois des "
                    "mises sur {game} que j'ai jamais faites."
                ),
                (
                    "Pouvez-vous me dire quels appareils sont connectés à mon compte? Je veux me "
                    "déconnecter partout."
                ),
                "mon ex connait mon mot de passe, comment je securise mon compte?",
            ),
            "agent": (
                (
                    "Merci de nous avoir avertis. Nous avons bloqué votre compte et annulé le "
                    "retrait en attente pendant que notre équipe de sécurité fait enquête."
                ),
                (
                    "Ce message ne vient pas de nous. Nous ne demandons jamais vos informations de "
                    "carte ni votre mot de passe par texto ou par courriel; supprimez-le sans "
                    "cliquer sur le lien."
                ),
                (
                    "Nous avons fermé toutes les sessions actives et réinitialisé votre mot de "
                    "passe. Nous vous conseillons d'activer l'authentification à deux facteurs "
                    "dans les paramètres de votre compte."
                ),
                (
                    "Notre équipe de sécurité examine l'activité récente de votre compte. Nous "
                    "vous écrirons par courriel d'ici 24 heures."
                ),
                (
                    "Par précaution, changez aussi le mot de passe de votre adresse courriel, "
                    "puisqu'elle est liée à votre compte."
                ),
                (
                    "La connexion provenant de {city} a été bloquée automatiquement et aucune "
                    "somme n'a quitté votre compte."
                ),
                (
                    "Nous vous recommandons d'utiliser un mot de passe unique et de ne jamais "
                    "partager vos informations de connexion."
                ),
            ),
            "followup": (
                "Merci, j'ai changé le mot de passe de mon courriel aussi.",
                "Des nouvelles de l'équipe de sécurité? Ça fait deux jours.",
                "Est-ce que les {amount} $ sont revenus dans mon solde?",
                (
                    "OK j'ai activé la double authentification. Pouvez-vous débloquer le compte "
                    "maintenant?"
                ),
                "Content que ça ait été bloqué, j'ai eu peur.",
                "J'ai reçu un autre courriel louche aujourd'hui, je vous le transfère.",
            ),
        },
        "payments": {
            "subject": (
                "Retrait toujours en attente depuis trois jours",
                "Dépôt de {amount} $ pas dans mon solde",
                "Retrait par {method} refusé sans explication",
                "Quand est-ce que mon cashout va passer",
                "Débité deux fois pour le même dépôt",
                "Retrait direct dans mon compte {bank}, c'est possible",
                "Question sur le retrait minimum et les frais",
                "Retrait demandé le {day}, toujours rien reçu",
            ),
            "player": (
                (
                    "J'ai fait une demande de retrait de {amount} $ par {method} le {day} pis "
                    "c'est encore en attente. Ça prend combien de temps d'habitude?"
                ),
                (
                    "J'ai fait un dépôt de {amount} $ avec {method}, l'argent est sorti de mon "
                    "compte {bank} mais mon solde a pas bougé."
                ),
                (
                    "Mon retrait a été refusé et j'ai eu aucune explication. J'ai joué mon dépôt "
                    "au complet, c'est quoi le problème?"
                ),
                (
                    "Bonjour, est-ce que je peux retirer directement dans mon compte chez {bank} "
                    "par virement, ou je dois passer par {method}?"
                ),
                (
                    "J'ai été débité deux fois pour un seul dépôt de {amount} $. Pouvez-vous me "
                    "rembourser le doublon?"
                ),
                (
                    "Pourquoi il y a des frais sur mon retrait? Personne m'en a parlé quand j'ai "
                    "déposé."
                ),
                (
                    "c quoi le max de cashout par semaine? j'ai gagne {amount} $ sur {game} pis je "
                    "veux toute sortir"
                ),
                (
                    "Mon dépôt avec {method} échoue à chaque fois sans message. J'ai essayé trois "
                    "fois depuis {day}."
                ),
            ),
            "agent": (
                (
                    "Merci de votre patience. Votre retrait de {amount} $ a été approuvé et envoyé "
                    "par {method}; il arrive généralement en 1 à 3 jours ouvrables."
                ),
                (
                    "Nous voyons bien le dépôt de notre côté et il a maintenant été crédité à "
                    "votre solde. Désolés pour le délai."
                ),
                (
                    "Votre retrait a été refusé parce qu'il doit être envoyé vers la même méthode "
                    "que votre dépôt. Veuillez refaire la demande avec {method}."
                ),
                (
                    "Les retraits sont traités dans l'ordre de réception et vérifiés en moins de "
                    "24 heures. Nous avons demandé à l'équipe des paiements de traiter le vôtre en "
                    "priorité."
                ),
                (
                    "Le double débit est une autorisation temporaire de {bank} qui devrait "
                    "disparaître d'ici 5 jours ouvrables. Si ce n'est pas le cas, envoyez-nous un "
                    "relevé bancaire."
                ),
                (
                    "La limite de retrait hebdomadaire de votre compte est de {amount} $. Le "
                    "montant qui dépasse cette limite sera versé au cours des semaines suivantes."
                ),
                (
                    "Avant de traiter ce retrait, la vérification de votre compte doit être "
                    "complétée. Vous pouvez téléverser vos documents dans la section Vérification."
                ),
            ),
            "followup": (
                "Reçu aujourd'hui, merci beaucoup!",
                (
                    "Toujours rien dans mon compte {bank}. Pouvez-vous m'envoyer un numéro de "
                    "transaction?"
                ),
                "Correct, j'ai refait une demande avec {method}.",
                "Ça fait cinq jours là. C'est rendu ridicule.",
                "Merci, le dépôt est là maintenant.",
                (
                    "Pourquoi vous avez besoin de documents tout d'un coup? J'ai déjà fait des "
                    "retraits sans problème."
                ),
                "Pouvez-vous diviser le retrait pour que j'en reçoive une partie cette semaine?",
            ),
        },
        "verification": {
            "subject": (
                "Documents envoyés mais compte toujours pas vérifié",
                "Pourquoi ma pièce d'identité a été refusée",
                "Ma preuve d'adresse a encore été refusée",
                "Combien de temps prend la vérification du compte",
                "Quels documents devez-vous recevoir de ma part",
                "La vérification bloque mon retrait depuis {day}",
                "Relevé {bank} refusé pour la vérification du compte",
            ),
            "player": (
                (
                    "J'ai envoyé mon permis de conduire pis une facture d'Hydro le {day}, mais mon "
                    "compte est encore marqué non vérifié."
                ),
                (
                    "Vous avez refusé ma pièce d'identité parce que la photo est floue. Je l'ai "
                    "reprise trois fois, c'est quoi le problème exactement?"
                ),
                (
                    "Ma preuve d'adresse c'est un relevé de {bank}, mais vous dites qu'elle est "
                    "pas valide. J'habite à {city} pis c'est le seul courrier que je reçois."
                ),
                "La vérification prend combien de temps? J'en ai besoin pour avoir mon retrait.",
                (
                    "Vous avez besoin de quels documents exactement? Je veux pas tout renvoyer "
                    "pour rien."
                ),
                (
                    "J'ai déménagé à {city} le mois passé, donc mon permis a encore mon ancienne "
                    "adresse. Qu'est-ce que je peux envoyer à la place?"
                ),
                (
                    "pourquoi vous voulez un selfie avec mes papiers?? c'est beaucoup juste pour "
                    "un retrait"
                ),
            ),
            "agent": (
                (
                    "Merci pour vos documents. Votre compte est maintenant entièrement vérifié et "
                    "vous pouvez demander des retraits sans restriction."
                ),
                (
                    "Nous n'avons pas pu accepter le document parce que les quatre coins n'étaient "
                    "pas visibles. Veuillez téléverser une nouvelle photo du document complet, "
                    "dans un endroit bien éclairé."
                ),
                (
                    "La preuve d'adresse doit dater de moins de trois mois et afficher votre nom "
                    "complet et votre adresse. Un relevé bancaire, une facture de services ou une "
                    "lettre du gouvernement sont acceptés."
                ),
                (
                    "La vérification est généralement faite dans un délai de 24 à 48 heures après "
                    "la réception de tous les documents. Vous recevrez un courriel dès qu'elle "
                    "sera terminée."
                ),
                (
                    "Pour vérifier votre compte, nous avons besoin d'une pièce d'identité avec "
                    "photo, d'une preuve d'adresse et, pour les dépôts par carte, d'une photo de "
                    "la carte avec les chiffres du milieu cachés."
                ),
                (
                    "Le selfie avec votre pièce d'identité est une exigence réglementaire qui "
                    "protège votre compte contre la fraude. Il sert uniquement à la vérification."
                ),
                (
                    "Comme votre pièce d'identité affiche une ancienne adresse, un relevé bancaire "
                    "ou une facture récente à {city} suffira comme preuve d'adresse."
                ),
            ),
            "followup": (
                "J'ai envoyé une nouvelle photo, j'espère que c'est correct cette fois.",
                "Ça fait 48 heures pis toujours rien. Quelqu'un peut checker?",
                "Mon relevé est du mois passé, ça devrait être bon.",
                "Super, merci! J'ai demandé mon retrait.",
                "Est-ce que je dois envoyer le verso de ma carte aussi?",
                "ok j'ai envoye le selfie, faites vite svp j'attends mon argent",
            ),
        },
        "bonus": {
            "subject": (
                "Le code bonus {code} fonctionne pas",
                "Bonus de bienvenue pas crédité à mon compte",
                "Mes free spins sur {game} ont disparu",
                "Question sur les conditions de mise du bonus",
                "Est-ce que je peux annuler mon bonus",
                "Gains retirés après l'expiration du bonus",
                "Code promo {code} invalide ou expiré, pourquoi",
            ),
            "player": (
                (
                    "J'ai entré le code {code} en faisant mon dépôt mais j'ai reçu aucun bonus sur "
                    "mon compte."
                ),
                "Je devais avoir 50 tours gratuits sur {game} pis ils sont plus là.",
                (
                    "Il me reste combien à miser avant de pouvoir faire un retrait? La page du "
                    "bonus est pas claire pantoute."
                ),
                "J'aimerais annuler le bonus, je préfère retirer mon argent réel. Est-ce possible?",
                (
                    "Vous avez enlevé mes gains parce que le bonus était expiré. Personne m'a dit "
                    "qu'il y avait une limite de temps!"
                ),
                (
                    "Le code {code} de votre courriel dit invalide. Je suis connecté pis j'ai "
                    "déposé le minimum."
                ),
                (
                    "est-ce que je dois jouer le bonus juste sur {game} ou je peux jouer sur "
                    "d'autres machines"
                ),
                "J'ai eu le bonus de recharge mais ma mise max est limitée maintenant. Pourquoi?",
            ),
            "agent": (
                (
                    "Nous avons crédité manuellement le bonus lié au code {code} à votre compte. "
                    "Désolés pour le désagrément."
                ),
                (
                    "Les tours gratuits sur {game} sont valides 7 jours après avoir été crédités. "
                    "Nous les avons remis dans votre compte, exceptionnellement."
                ),
                (
                    "Vous pouvez voir le montant qu'il vous reste à miser dans Mon compte, puis "
                    "Bonus. Seules les mises en argent réel comptent dans les conditions."
                ),
                (
                    "Vous pouvez annuler un bonus actif dans la page Bonus; notez que les fonds "
                    "bonus et les gains associés seront retirés."
                ),
                (
                    "Le code {code} exige un dépôt minimum et ne peut être utilisé qu'une fois par "
                    "compte. Votre dépôt était sous le minimum, donc le bonus n'a pas été "
                    "appliqué."
                ),
                (
                    "Tant qu'un bonus est actif, la mise maximale est limitée selon les conditions "
                    "du bonus. Cette limite est levée dès que les conditions de mise sont "
                    "remplies."
                ),
                (
                    "Les conditions du bonus, y compris la date d'expiration, sont indiquées sur "
                    "la page de la promotion et dans le courriel de confirmation. Nous sommes "
                    "désolés que ce n'ait pas été clair."
                ),
            ),
            "followup": (
                "Merci, je vois le bonus maintenant.",
                "Les tours sont revenus, merci!",
                "Donc si j'annule, je garde mon dépôt?",
                "J'ai jamais reçu ce courriel-là avec les conditions.",
                "Correct, je vais réessayer le code {code} à mon prochain dépôt.",
                "Il reste combien exactement à miser? La page affiche encore 0 %.",
            ),
        },
        "technical": {
            "subject": (
                "{game} gèle pendant le tour bonus",
                "Erreur {err} chaque fois que j'ouvre un jeu",
                "Le jeu a planté pis ma mise a disparu",
                "Le site charge pas sur mon cellulaire",
                "La table en direct se déconnecte sans arrêt",
                "L'app affiche erreur {err} depuis la mise à jour",
                "Gain du spin pas ajouté à mon solde",
            ),
            "player": (
                (
                    "{game} a gelé en plein milieu des free spins pis quand j'ai rechargé, mon "
                    "solde était plus bas. Où sont passés mes gains?"
                ),
                (
                    "Chaque fois que j'ouvre un jeu j'ai l'erreur {err}. J'ai essayé avec Chrome "
                    "pis Firefox."
                ),
                (
                    "Je jouais à {game} et le jeu a planté juste après ma mise. L'argent a été "
                    "pris mais la partie s'est jamais terminée."
                ),
                "Le site charge pas sur mon iPhone depuis {day}. Juste un écran blanc.",
                (
                    "La table du croupier en direct arrête pas de se déconnecter, j'ai perdu deux "
                    "mains à cause de ça."
                ),
                "depuis la mise a jour l'app dit erreur {err} pis se ferme. j'ai un samsung",
                "Mon solde est pas le même dans l'app et sur le site web. Lequel est le bon?",
            ),
            "agent": (
                (
                    "Merci pour les détails. Nous avons vérifié l'historique de jeu et la partie "
                    "sur {game} a bien été complétée; les gains ont été ajoutés à votre solde à la "
                    "fin du tour."
                ),
                (
                    "L'erreur {err} est habituellement causée par un cache de navigateur désuet. "
                    "Veuillez vider le cache et les témoins, puis réessayer."
                ),
                (
                    "Nous avons transmis le numéro de la partie au fournisseur du jeu pour "
                    "analyse. Nous vous reviendrons dès que nous aurons sa réponse, normalement "
                    "d'ici 48 heures."
                ),
                (
                    "Nous sommes au courant d'un problème touchant certains appareils mobiles et "
                    "notre équipe technique travaille sur un correctif. Merci de votre patience."
                ),
                (
                    "Pourriez-vous nous envoyer une capture d'écran de l'erreur et nous dire quel "
                    "appareil et quel navigateur vous utilisez?"
                ),
                (
                    "La partie inachevée a été réglée par le fournisseur et votre mise a été "
                    "remboursée dans votre compte."
                ),
                (
                    "Assurez-vous que l'application est à jour; si l'erreur {err} persiste, la "
                    "réinstaller devrait régler le problème."
                ),
            ),
            "followup": (
                "Vider le cache a réglé le problème, merci.",
                "J'ai encore l'erreur {err}, même avec un autre navigateur.",
                "Capture d'écran en pièce jointe. C'est un Android avec Chrome.",
                "Je vois le remboursement, merci!",
                "Des nouvelles du fournisseur pour {game}?",
                "Ça l'a refait ce soir sur le même jeu.",
            ),
        },
        "responsible_gambling": {
            "subject": (
                "Mettre une limite de dépôt sur mon compte",
                "Je veux m'auto-exclure pour six mois",
                "Besoin d'une pause à partir d'aujourd'hui svp",
                "J'ai l'impression de perdre le contrôle",
                "Baisser ma limite de pertes hebdomadaire svp",
                "Ma conjointe s'inquiète de ma façon de jouer",
                "Comment fermer mon compte de façon définitive",
            ),
            "player": (
                (
                    "J'aimerais mettre une limite de dépôt de {amount} $ par jour. Je dépense plus "
                    "que ce que je peux me permettre."
                ),
                (
                    "Je voudrais m'auto-exclure pour six mois. Je veux plus être capable de me "
                    "connecter du tout."
                ),
                (
                    "Je cours après mes pertes depuis une semaine et j'ai besoin d'arrêter. "
                    "Pouvez-vous mettre une pause sur mon compte?"
                ),
                (
                    "Ma femme a trouvé mes relevés bancaires et elle est vraiment inquiète. "
                    "Honnêtement, moi aussi. Qu'est-ce que je peux faire?"
                ),
                (
                    "Je redépose chaque fois que je perds pis je suis pas capable d'arrêter. Je "
                    "sais pas à qui d'autre en parler."
                ),
                (
                    "Pouvez-vous baisser ma limite de pertes hebdomadaire à {amount} $? Celle que "
                    "j'ai est beaucoup trop haute pour moi."
                ),
                "je veux fermer mon compte pour de bon et arretez de m'envoyer des promos svp",
            ),
            "agent": (
                (
                    "Merci de nous en avoir parlé, ça demande du courage. Votre limite de dépôt de "
                    "{amount} $ par jour est maintenant active et toute hausse ne prendra effet "
                    "qu'après 7 jours."
                ),
                (
                    "Nous avons appliqué une auto-exclusion de six mois à votre compte; elle ne "
                    "peut pas être annulée avant la fin de cette période. Vous ne recevrez plus "
                    "aucune communication promotionnelle."
                ),
                (
                    "Une période de pause est maintenant active sur votre compte, vous ne pourrez "
                    "ni déposer ni jouer avant la fin. Si vous avez besoin de parler à quelqu'un, "
                    "la ligne d'aide en jeu de votre province est gratuite, confidentielle et "
                    "ouverte 24 heures sur 24."
                ),
                (
                    "Nous sommes désolés que vous viviez cette situation. Nous pouvons mettre en "
                    "place dès maintenant des limites de dépôt, de pertes ou de session, ou une "
                    "auto-exclusion, et de l'aide gratuite et confidentielle est offerte par Jeu : "
                    "aide et référence."
                ),
                (
                    "Votre limite de pertes hebdomadaire a été abaissée à {amount} $ avec effet "
                    "immédiat. Vous pouvez aussi activer des rappels de session dans la page Jeu "
                    "responsable."
                ),
                (
                    "Votre compte est maintenant fermé de façon définitive et vous avez été retiré "
                    "de toutes nos listes promotionnelles. Si vous souhaitez du soutien, Gamblers "
                    "Anonymes et la ligne d'aide de votre province sont là pour vous."
                ),
                (
                    "Les proches peuvent aussi obtenir du soutien; la ligne d'aide en jeu de votre "
                    "province offre des conseils gratuits et confidentiels aux conjoints et à la "
                    "famille."
                ),
            ),
            "followup": (
                "Merci. Ça me soulage que ce soit fait.",
                "Pouvez-vous me confirmer que je recevrai plus de courriels?",
                "Je vais appeler la ligne d'aide demain. Merci d'avoir été compréhensifs.",
                "Est-ce qu'on peut mettre la limite encore plus basse?",
                (
                    "Ma conjointe et moi, on en a parlé. Allez-y avec l'auto-exclusion s'il vous "
                    "plaît."
                ),
                "Merci. Pouvez-vous bloquer aussi mon autre compte si j'en ai un?",
            ),
        },
        "general": {
            "subject": (
                "Question sur l'historique de mon compte",
                "Comment changer la devise de mon compte",
                "Le programme VIP est-il offert au Canada",
                "Demande d'historique complet de mes transactions",
                "Est-ce que je peux changer mon nom d'usager",
                "Commentaire sur le nouveau design du lobby",
                "Le site au complet en français, c'est possible",
            ),
            "player": (
                (
                    "Bonjour, est-ce que je peux avoir l'historique complet de mes dépôts et "
                    "retraits pour la dernière année? C'est pour mes dossiers."
                ),
                (
                    "Comment on fait pour entrer dans le programme VIP? Ça fait presque deux ans "
                    "que je joue ici."
                ),
                "Est-ce possible de changer la devise de mon compte de USD à CAD?",
                (
                    "J'aimerais changer mon nom d'usager, celui que j'ai choisi il y a des années "
                    "est gênant."
                ),
                (
                    "Je voulais juste dire que le nouveau lobby est beaucoup plus facile à "
                    "utiliser. Je trouve {game} en deux clics maintenant."
                ),
                (
                    "Certaines pages du site sont encore en anglais, même si j'ai choisi le "
                    "français. Est-ce que ça va être traduit au complet?"
                ),
                (
                    "Est-ce que les gains sont imposables au Canada? J'ai gagné {amount} $ sur "
                    "{game} pis je sais pas si je dois le déclarer."
                ),
            ),
            "agent": (
                (
                    "Merci pour votre message. Vous pouvez télécharger l'historique complet de vos "
                    "transactions dans Mon compte, puis Historique; nous pouvons aussi vous "
                    "l'envoyer par courriel si vous préférez."
                ),
                (
                    "Notre équipe VIP examine régulièrement les comptes selon l'activité. J'ai "
                    "transmis votre dossier et l'équipe communiquera avec vous par courriel."
                ),
                (
                    "La devise du compte ne peut pas être modifiée après un premier dépôt, mais "
                    "nous pouvons ouvrir un nouveau compte en CAD et fermer celui-ci si vous le "
                    "souhaitez."
                ),
                (
                    "Le nom d'usager ne peut pas être modifié pour des raisons de sécurité, mais "
                    "vous pouvez changer votre nom d'affichage dans votre profil."
                ),
                "Merci pour ce beau commentaire, je l'ai transmis à notre équipe produit.",
                (
                    "Merci de nous l'avoir signalé. Notre équipe termine la traduction de ces "
                    "pages et notre soutien est offert en français par clavardage et par courriel."
                ),
                (
                    "Nous ne pouvons pas donner de conseils fiscaux, mais nous vous suggérons de "
                    "vérifier auprès de l'Agence du revenu du Canada ou de Revenu Québec."
                ),
            ),
            "followup": (
                "Super, envoyez-le-moi par courriel svp.",
                "Merci, je vais attendre que l'équipe VIP me contacte.",
                "Correct, ouvrez-moi un nouveau compte en CAD.",
                "Bon à savoir, merci pour la réponse rapide.",
                "Parfait, je vais demander à mon comptable.",
                "Merci, c'est apprécié.",
            ),
        },
    },
}

# slot and live game titles, ASCII, no apostrophes
GAMES = (
    "Starburst",
    "Book of Dead",
    "Gates of Olympus",
    "Lightning Roulette",
    "Sweet Bonanza",
    "Wolf Gold",
    "Big Bass Bonanza",
    "The Dog House",
    "Reactoonz",
    "Fire Joker",
    "Legacy of Dead",
    "Rise of Olympus",
    "Wanted Dead or a Wild",
    "Razor Shark",
    "Money Train 3",
    "Jammin Jars",
    "Buffalo King",
    "Mega Moolah",
    "Immortal Romance",
    "Thunderstruck II",
    "Crazy Time",
    "Monopoly Live",
    "Infinite Blackjack",
    "Dream Catcher",
    "Lightning Baccarat",
    "Mega Ball",
    "Sugar Rush",
    "Fruit Party",
    "Gonzos Quest",
    "Dead or Alive 2",
    "Twin Spin",
    "Bonanza Megaways",
    "Extra Chilli",
    "White Rabbit",
    "Vikings Go Berzerk",
    "Elvis Frog in Vegas",
    "Aztec Magic",
    "Book of Cats",
    "Chaos Crew",
    "Hand of Anubis",
    "Moon Princess",
    "Gems Bonanza",
    "Great Rhino Megaways",
    "Madame Destiny Megaways",
    "Wild West Gold",
    "Fire in the Hole",
    "Tome of Madness",
    "Jewel Sea",
    "Aviator",
    "Plinko",
    "Speed Roulette",
    "Auto Roulette",
    "Blackjack VIP",
    "Deal or No Deal Live",
    "Funky Time",
    "Sweet Bonanza Candyland",
    "Mystery Museum",
    "Big Bamboo",
    "Release the Kraken",
    "Buffalo Power",
)

# Canadian payment methods
METHODS = (
    "Interac",
    "MuchBetter",
    "Visa",
    "Mastercard",
    "iDebit",
    "Instadebit",
    "ecoPayz",
    "Bitcoin",
    "Tether",
    "bank transfer",
)

# Canadian banks and credit unions
BANKS = (
    "Desjardins",
    "RBC",
    "TD",
    "BMO",
    "Scotiabank",
    "CIBC",
    "Tangerine",
    "National Bank",
    "Simplii",
    "EQ Bank",
    "ATB",
    "Coast Capital",
)

# Canadian cities, ASCII spelling
CITIES = (
    "Montreal",
    "Quebec City",
    "Toronto",
    "Ottawa",
    "Gatineau",
    "Sherbrooke",
    "Laval",
    "Longueuil",
    "Trois-Rivieres",
    "Saguenay",
    "Levis",
    "Drummondville",
    "Vancouver",
    "Calgary",
    "Edmonton",
    "Winnipeg",
    "Halifax",
    "Moncton",
    "Regina",
    "Victoria",
)

# uppercase bonus codes, A-Z and digits only
BONUS_CODES = (
    "WELCOME100",
    "BIENVENUE50",
    "FRIDAY25",
    "SPINS200",
    "RELOAD50",
    "WEEKEND30",
    "MONDAY20",
    "CASHBACK10",
    "HIGHROLLER",
    "VIP500",
    "FREESPINS50",
    "TOURS100",
    "BONJOUR25",
    "SUMMER40",
    "HIVER30",
    "AUTOMNE20",
    "PRINTEMPS15",
    "MAPLE100",
    "CANADA150",
    "LOONIE25",
    "TOONIE50",
    "HOCKEY20",
    "POUTINE10",
    "LUCKY7",
    "JACKPOT77",
    "MEGA200",
    "BOOST35",
    "SUNDAY15",
    "TUESDAY40",
    "WILD50",
    "SLOTS100",
    "LIVE25",
    "CRYPTO75",
    "BTC100",
    "NEIGE40",
    "SAMEDI25",
    "VENDREDI30",
    "DIMANCHE20",
    "ROYAL60",
    "RECHARGE35",
)
