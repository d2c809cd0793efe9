fn main() {
    println!("portalscan");
}
